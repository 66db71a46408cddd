"""Reads of inspections, always scoped to the user asking."""

from django.db.models import Q, QuerySet

from home.models import ChecklistTemplate
from workflows.selectors import flow_requests_for_user

from .models import InspectionPlan


def inspection_templates(site) -> list[ChecklistTemplate]:
    """The published inspection checklists (not pre-work ones) of the site's kind."""
    templates = ChecklistTemplate.objects.filter(
        site_kind=site.kind, pre_work=False, live=True
    )
    return list(templates.order_by("code"))


def plans_for(user) -> QuerySet[InspectionPlan]:
    return flow_requests_for_user(user, InspectionPlan).select_related("region")


def rows_for(user) -> QuerySet:
    """Planned inspections of approved plans ``user`` may see (own company's)."""
    from .models import PlanRow

    visible = plans_for(user).filter(outcome="approved").values("pk")
    rows = PlanRow.objects.filter(plan__in=visible)
    return rows.select_related("plan", "plan__company", "site", "template")


def due_rows_for(user, *, today) -> QuerySet:
    """Inspections not yet submitted whose month has come, oldest month first."""
    rows = rows_for(user).filter(plan__year=today.year, month__lte=today.month)
    rows = rows.filter(Q(execution__isnull=True) | Q(execution__submitted_at=None))
    return rows.select_related("execution").order_by("month", "site__code", "pk")


def executions_for(user) -> QuerySet:
    """Inspections carried out by the user's company; the carrier sees all."""
    from registry.selectors import _scoped

    from .models import Execution

    executions = Execution.objects.select_related(
        "company", "engineer", "row__plan", "row__site", "row__template"
    )
    return _scoped(executions, user, "company")


def findings_for(user) -> QuerySet:
    """Findings of the user's company; the carrier sees every company's."""
    from registry.roles import is_carrier
    from registry.selectors import company_of

    from .models import Finding

    findings = Finding.objects.select_related(
        "company", "site", "execution__row__plan", "fault_ticket"
    )
    if is_carrier(user):
        return findings
    company = company_of(user)
    if company is None:
        return findings.none()
    return findings.filter(company_id=company.pk)


def findings_to_rectify(user) -> QuerySet:
    """Open findings scheduled for rectification: the company's people act on
    them; earliest date first."""
    from .models import Finding

    findings = findings_for(user).filter(
        resolved_at__isnull=True, follow_up=Finding.FollowUp.SCHEDULED
    )
    return findings.order_by("due_date", "pk")


# Who sees new findings on their queue: those who follow them up.
FINDINGS_ON_QUEUE = ("maintenance_manager", "carrier_admin", "contractor_manager")


def open_findings_for(user, *, limit: int = 5) -> list:
    """The newest findings nobody has followed up yet, for the user's queue
    (``limit`` of them, one more to tell whether there are others)."""
    from registry.roles import roles_of

    if not roles_of(user) & set(FINDINGS_ON_QUEUE):
        return []
    found = findings_for(user).filter(follow_up="", resolved_at__isnull=True)
    return list(found.select_related(None).select_related("site")[: limit + 1])


def may_see_inspections(user) -> bool:
    """The carrier, and the people of a contractor company (their own
    findings and progress)."""
    from registry.roles import is_carrier
    from registry.selectors import company_of

    return user.is_authenticated and (is_carrier(user) or company_of(user) is not None)


def may_inspect(user) -> bool:
    """People of a contractor company who fill in inspections."""
    from registry.selectors import company_of

    return (
        user.is_authenticated
        and company_of(user) is not None
        and user.has_perm("inspection.add_execution")
    )


def failed_rechecks(*, company, start, end) -> QuerySet:
    """The company's failed carrier re-checks recorded in ``[start, end)``
    (datetimes), each with its draw (and the draw's rule revision)."""
    from .models import Recheck

    return Recheck.objects.filter(
        company=company,
        result=Recheck.Result.FAILED,
        checked_at__gte=start,
        checked_at__lt=end,
    ).select_related("draw", "execution__row__site")


def recheck_draws_for(user) -> QuerySet:
    """Re-check samples: every company's for the carrier, none for others."""
    from registry.roles import is_carrier

    from .models import RecheckDraw

    draws = RecheckDraw.objects.select_related("company")
    return draws if is_carrier(user) else draws.none()


def spot_check_draws_for(user) -> QuerySet:
    from registry.roles import is_carrier

    from .models import SpotCheckDraw

    draws = SpotCheckDraw.objects.select_related("company")
    return draws if is_carrier(user) else draws.none()
