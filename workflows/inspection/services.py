"""Writes of the inspection plan flow: file, check the deadline, decide, revise."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from home.rules import current_rules
from registry.calendar import local_today
from registry.models import Company, Region
from registry.selectors import company_of
from workflows.notes import NoteMessage
from workflows.services import new_reference, summary_write, transition_record

from . import rules
from .models import InspectionPlan, PlanRow
from .selectors import inspection_templates

ADD_PERMISSION = "inspection.add_inspectionplan"
NOT_ALLOWED = _("Only contractor managers submit inspection plans.")
ALREADY_PLANNED = _(
    "Your company already has a plan for this region and quarter: %(reference)s."
)
COMMENT_REQUIRED = _("Say what to change when you return a plan.")
SUMMARY = _("Inspection plan %(year)s Q%(quarter)s, %(region)s")
IN_TIME = NoteMessage(
    "inspection.in_time",
    _("Submitted in time: due by %(due)s."),
    dates=("due",),
)
LATE = NoteMessage(
    "inspection.late",
    _("Submitted late: it was due by %(due)s."),
    dates=("due",),
)


@dataclass
class PlanInput:
    """A quarter's plan: explicit ``rows``, or ``sites`` × ``months`` with every
    published inspection checklist of each site's kind."""

    region: Region
    year: int
    quarter: int
    sites: list = field(default_factory=list)
    months: list = field(default_factory=list)
    rows: list = field(default_factory=list)  # rules.PlannedRow
    answers: list[dict] = field(default_factory=list)
    attachments: list = field(default_factory=list)


def planned_rows(data: PlanInput) -> list[rules.PlannedRow]:
    if data.rows:
        return list(data.rows)
    rows = []
    for site in data.sites:
        templates = inspection_templates(site)
        if not templates:
            raise ValidationError(
                {"sites": ValidationError(rules.NO_TEMPLATE, params={"site": site})}
            )
        rows += [
            rules.PlannedRow(site=site, template=template, month=int(month))
            for month in data.months
            for template in templates
        ]
    return rows


def plan_validate(*, user, data: PlanInput, plan: InspectionPlan | None = None):
    """Every check of a filing or revision; raises a translated ``ValidationError``."""
    company = company_of(user)
    if company is None or not user.has_perm(ADD_PERMISSION):
        raise ValidationError(NOT_ALLOWED)
    if plan is None:
        rules.period_validate(year=data.year, quarter=data.quarter, today=local_today())
    rules.rows_validate(
        rows=planned_rows(data),
        company_id=company.pk,
        region_id=data.region.pk,
        quarter=data.quarter,
    )
    other = _same_quarter(company, data, exclude=plan)
    if other is not None:
        raise ValidationError(ALREADY_PLANNED, params={"reference": other.reference})
    return company


def _same_quarter(company, data, *, exclude) -> InspectionPlan | None:
    plans = InspectionPlan.objects.filter(
        company=company, region=data.region, year=data.year, quarter=data.quarter
    )
    if exclude is not None:
        plans = plans.exclude(pk=exclude.pk)
    return plans.only("reference").first()


def plan_submit(*, user, data: PlanInput) -> InspectionPlan:
    """Validate and start a plan; filings of one company are serialised."""
    from .flows import InspectionPlanFlow

    company = plan_validate(user=user, data=data)
    with transaction.atomic():
        Company.objects.select_for_update(no_key=True).only("pk").get(pk=company.pk)
        plan_validate(user=user, data=data)
        return InspectionPlanFlow.start.run(user=user, data=data)


def plan_fill(*, plan: InspectionPlan, user, data: PlanInput) -> None:
    company = company_of(user)
    plan.company, plan.requester = company, user
    plan.region, plan.year, plan.quarter = data.region, data.year, data.quarter
    summary_write(
        plan, SUMMARY, year=data.year, quarter=data.quarter, region=data.region
    )
    plan.reference = plan.reference or new_reference("IP")
    plan.answers = data.answers or plan.answers
    plan.full_clean(exclude=["flow_class", "attachments"])
    plan.save()
    rows_write(plan=plan, rows=planned_rows(data))
    if data.attachments:
        plan.attachments.add(*data.attachments)


def rows_write(*, plan: InspectionPlan, rows) -> None:
    plan.rows.all().delete()
    PlanRow.objects.bulk_create(
        PlanRow(plan=plan, site=row.site, template=row.template, month=row.month)
        for row in rows
    )


def plan_deadline_assess(*, plan: InspectionPlan, task) -> None:
    """Decide once, on first submission, whether the plan came in time."""
    deadlines = current_rules().deadlines
    days = deadlines.inspection_plan_days_before_quarter
    plan.due_on = rules.plan_due_on(
        year=plan.year, quarter=plan.quarter, days_before=days
    )
    plan.late = rules.plan_is_late(
        submitted_on=local_today(),
        year=plan.year,
        quarter=plan.quarter,
        days_before=days,
    )
    plan.save(update_fields=["due_on", "late"])
    note = (LATE if plan.late else IN_TIME).note(due=plan.due_on)
    transition_record(
        request=plan,
        action="routed",
        task=task,
        notes=[note],
        rules={
            "topic": "deadlines",
            "revision_id": deadlines.revision_id,
            "inspection_plan_days_before_quarter": days,
            "due_on": plan.due_on.isoformat(),
            "late": plan.late,
        },
    )


def decision_record(*, plan: InspectionPlan, task, user, decision: str, comment: str):
    """The carrier approves the plan, or returns it with what to change."""
    if decision == InspectionPlan.Decision.RETURNED and not comment.strip():
        raise ValidationError({"comment": COMMENT_REQUIRED})
    plan.decision = decision
    if decision == InspectionPlan.Decision.APPROVED:
        plan.outcome = "approved"
    plan.save(update_fields=["decision", "outcome"])
    deadlines = current_rules().deadlines
    transition_record(
        request=plan,
        action=decision,
        actor=user,
        task=task,
        comment=comment,
        rules={"topic": "deadlines", "revision_id": deadlines.revision_id},
    )


def plan_revise(*, plan: InspectionPlan, task, user, data: PlanInput) -> None:
    """The filer's corrected rows replace the returned ones."""
    data.region, data.year, data.quarter = plan.region, plan.year, plan.quarter
    plan_validate(user=user, data=data, plan=plan)
    rows_write(plan=plan, rows=planned_rows(data))
    plan.decision = ""
    plan.save(update_fields=["decision"])
    transition_record(request=plan, action="resubmitted", actor=user, task=task)
