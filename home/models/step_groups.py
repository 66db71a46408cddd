"""Who takes each step: the group of people offered each step of the flows.

One row per step, each step exactly once. The staff-change and site-access
steps (and the carrier's leave approval) are chosen under the staff change
rules; every other step of the flows is chosen here. A company's step
(``COMPANY_STEPS``) goes to the chosen group's members of the request's own
company only, so it needs a contractor's group; the carrier's steps need a
carrier's group.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey

from home.validation import check_unique_complete, raise_if
from registry.roles import CARRIER_ROLES, CONTRACTOR_ROLES, group_label

from .base import RowsFormSet, RowsInlinePanel, RuleRow, RuleTopic
from .staff_change import NOT_AN_APPROVER_GROUP


class FlowStep(models.TextChoices):
    """The steps of the flows whose group is chosen in this table (their
    ``workflows.steps`` keys)."""

    UPGRADE_CONFIRM = "upgrade.confirm", _("Upgrade: confirm the request")
    UPGRADE_REVIEW = "upgrade.review", _("Upgrade: review the plan")
    UPGRADE_APPROVAL = "upgrade.approval", _("Upgrade: approve the window")
    UPGRADE_EXECUTE = "upgrade.execute", _("Upgrade: carry out the work (company)")
    POSITION_COMPANY = (
        "position.company",
        _("Position change: approve (company)"),
    )
    POSITION_CARRIER = (
        "position.carrier",
        _("Position change: approve (carrier)"),
    )
    LEAVE_COMPANY = "leave.company", _("Leave: approve (company)")
    TEMP_LEAD_ACKNOWLEDGE = (
        "temp_lead.acknowledge",
        _("Temporary lead: acknowledge"),
    )
    FAULTS_DISPATCH = "faults.dispatch", _("Fault ticket: dispatch")
    FAULTS_ACCEPT = "faults.accept", _("Fault ticket: accept (company)")
    FAULTS_CONFIRM = "faults.confirm", _("Fault ticket: confirm the repair")
    INSPECTION_APPROVAL = (
        "inspection.approval",
        _("Inspection plan: approve or return"),
    )
    ASSESSMENT_OBJECT = (
        "assessment.object",
        _("Monthly assessment: object to deductions (company)"),
    )
    ASSESSMENT_DECIDE = (
        "assessment.decide",
        _("Monthly assessment: decide objections and finalise"),
    )
    OBLIGATIONS_REPORT_REVIEW = (
        "obligations.report_review",
        _("Report: receive, accept or return"),
    )


# Steps a company's own people take (``company_scoped`` in workflows.steps).
COMPANY_STEPS = frozenset(
    {
        FlowStep.UPGRADE_EXECUTE,
        FlowStep.POSITION_COMPANY,
        FlowStep.LEAVE_COMPANY,
        FlowStep.FAULTS_ACCEPT,
        FlowStep.ASSESSMENT_OBJECT,
    }
)
STEP_ROLES = CARRIER_ROLES | CONTRACTOR_ROLES
NOT_A_COMPANY_GROUP = _(
    "Choose one of the contractor's groups: a company's own people take this step."
)
UNKNOWN_STEP = _("“%(step)s” is not a step of the flows.")
STEP_GROUP_REQUIRED = _("Choose the group that takes “%(step)s”.")


class StepGroupsFormSet(RowsFormSet):
    """Offers the role groups, by the names people read."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        field = form.fields.get("group")
        if field is not None:
            field.queryset = field.queryset.filter(name__in=STEP_ROLES)
            field.label_from_instance = group_label


class StepGroupsPanel(RowsInlinePanel):
    formset_class = StepGroupsFormSet


class StepGroupRules(RuleTopic):
    """Which group of people takes each step of the flows."""

    panels = [
        StepGroupsPanel(
            "steps",
            heading=_("Who takes each step"),
            help_text=_(
                "One row per step; each step exactly once. A company's step "
                "goes to the chosen group's members of the request's company."
            ),
        ),
    ]
    row_checks = {"steps": "check_steps"}
    row_keys = {"steps": ("step",)}

    class Meta(RuleTopic.Meta):
        verbose_name = _("step groups")
        verbose_name_plural = _("step groups")

    def __str__(self) -> str:
        return str(_("Who takes each step"))

    def check_steps(self, rows) -> None:
        for row in rows:
            if row.step not in FlowStep.values:
                raise ValidationError(UNKNOWN_STEP, params={"step": row.step})
            if not row.group_id:
                label = FlowStep(row.step).label
                raise ValidationError(STEP_GROUP_REQUIRED, params={"step": label})
        check_unique_complete(
            rows,
            key=lambda row: row.step,
            expected=FlowStep.values,
            label=lambda key: FlowStep(key).label,
        )


class StepGroup(RuleRow):
    topic = ParentalKey(StepGroupRules, on_delete=models.CASCADE, related_name="steps")
    step = models.CharField(_("step"), max_length=40, choices=FlowStep.choices)
    group = models.ForeignKey(
        "auth.Group",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("group"),
        help_text=_("Group whose members are offered this step."),
    )

    class Meta(RuleRow.Meta):
        verbose_name = _("step group")
        verbose_name_plural = _("step groups")

    def clean(self):
        # A missing group or an unknown step: the fields' own checks say so
        # (and, from code, the rules' ``check_steps``).
        if not self.group_id or self.step not in FlowStep.values:
            return
        name = self.group.name
        if self.step in COMPANY_STEPS and name not in CONTRACTOR_ROLES:
            raise_if({"group": NOT_A_COMPANY_GROUP})
        if self.step not in COMPANY_STEPS and name not in CARRIER_ROLES:
            raise_if({"group": NOT_AN_APPROVER_GROUP})
