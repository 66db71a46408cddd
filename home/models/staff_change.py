"""Staff changes and leave: the cap and who approves at each step."""

from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from home.validation import (
    MUST_BE_POSITIVE,
    PERCENT_OUT_OF_RANGE,
    raise_if,
    require_percent,
    require_positive,
)
from registry.roles import CARRIER_ROLES

from .base import RowCheckedForm, RuleTopic

# Each approver field names a carrier step: only a carrier role's group holds it.
APPROVER_FIELDS = (
    "review_group",
    "exception_group",
    "leave_carrier_group",
    "site_access_group",
)
APPROVER_ROLES = CARRIER_ROLES
NOT_AN_APPROVER_GROUP = _(
    "Choose one of the carrier's groups: this step is the carrier's to take."
)


class StaffChangeRulesForm(RowCheckedForm):
    """Offers only the groups that may hold each approver step."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in APPROVER_FIELDS:
            if name in self.fields:
                field = self.fields[name]
                field.queryset = field.queryset.filter(name__in=APPROVER_ROLES)


def _approver(verbose_name, help_text):
    return models.ForeignKey(
        "auth.Group",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=verbose_name,
        help_text=help_text,
    )


class StaffChangeRules(RuleTopic):
    """The staff-change cap of the contract period and the approvers' groups."""

    cap_percent = models.DecimalField(
        _("change cap (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("15"),
        help_text=_(
            "Share of the contracted headcount that may change within one contract "
            "period. Allowed changes = headcount × this share, rounded down."
        ),
    )
    review_group = _approver(
        _("reviewers"),
        _("Group whose members review and approve a staff change within the cap."),
    )
    exception_group = _approver(
        _("approvers of exceptions"),
        _("Group that decides on a staff change above the cap."),
    )
    leave_carrier_group = _approver(
        _("carrier approvers of leave"),
        _(
            "Group that approves long leave after the contractor's lead has "
            "approved it."
        ),
    )
    leave_carrier_after_days = models.PositiveSmallIntegerField(
        _("carrier approves leave longer than (days)"),
        default=3,
        help_text=_(
            "Leave of more days than this also needs the carrier's approval; "
            "shorter leave is approved by the contractor's lead alone."
        ),
    )
    site_access_group = models.ForeignKey(
        "auth.Group",
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("site owners"),
        help_text=_(
            "Group that approves visits to machine rooms and sites "
            "and is told when a visit overruns its window."
        ),
    )
    leave_max_days = models.PositiveSmallIntegerField(
        _("longest leave (days)"),
        default=180,
        help_text=_(
            "A leave of more calendar days than this is refused when it is filed."
        ),
    )

    base_form_class = StaffChangeRulesForm

    panels = [
        MultiFieldPanel(
            [FieldPanel("cap_percent"), FieldPanel("review_group")],
            heading=_("Staff changes"),
        ),
        FieldPanel("exception_group"),
        MultiFieldPanel(
            [
                FieldPanel("leave_carrier_after_days"),
                FieldPanel("leave_carrier_group"),
                FieldPanel("leave_max_days"),
            ],
            heading=_("Leave"),
        ),
        FieldPanel("site_access_group"),
    ]

    class Meta(RuleTopic.Meta):
        verbose_name = _("staff change rules")
        verbose_name_plural = _("staff change rules")
        constraints = [
            *RuleTopic.Meta.constraints,
            models.CheckConstraint(
                condition=Q(cap_percent__gte=0, cap_percent__lte=100),
                name="staff_change_cap_is_percent",
                violation_error_message=PERCENT_OUT_OF_RANGE,
            ),
            models.CheckConstraint(
                condition=Q(leave_carrier_after_days__gt=0),
                name="staff_change_leave_days_positive",
                violation_error_message=MUST_BE_POSITIVE,
            ),
            models.CheckConstraint(
                condition=Q(leave_max_days__gt=0),
                name="staff_change_leave_max_days_positive",
                violation_error_message=MUST_BE_POSITIVE,
            ),
        ]

    def __str__(self) -> str:
        return str(_("Staff changes and leave"))

    def clean(self):
        raise_if(
            require_percent("cap_percent", self.cap_percent)
            | require_positive(
                "leave_carrier_after_days", self.leave_carrier_after_days
            )
            | require_positive("leave_max_days", self.leave_max_days)
            | self._approver_errors()
        )
        super().clean()

    def _approver_errors(self) -> dict:
        errors = {}
        for name in APPROVER_FIELDS:
            group = getattr(self, name, None) if getattr(self, f"{name}_id") else None
            if group is not None and group.name not in APPROVER_ROLES:
                errors[name] = NOT_AN_APPROVER_GROUP
        return errors
