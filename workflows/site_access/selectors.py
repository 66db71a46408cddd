from datetime import datetime

from django.db.models import QuerySet

from home.models import ChecklistTemplate
from ledgers.models import Asset
from registry.calendar import CALENDAR_ZONE
from workflows.leave.models import Leave
from workflows.selectors import flow_requests_for_user

from .models import SiteVisit


def _prework(kinds) -> QuerySet[ChecklistTemplate]:
    templates = ChecklistTemplate.objects.filter(
        site_kind__in=kinds, pre_work=True, live=True
    )
    return templates.order_by("code")


def prework_checklist(site) -> ChecklistTemplate | None:
    """The published pre-work safety checklist of the site's kind, if any."""
    if site is None:
        return None
    return _prework([site.kind]).first()


def prework_checklists(kinds) -> dict[str, ChecklistTemplate]:
    """The pre-work checklist of each of ``kinds`` that has one, with its items."""
    chosen: dict[str, ChecklistTemplate] = {}
    for template in _prework(kinds).prefetch_related("items"):
        chosen.setdefault(template.site_kind, template)
    return chosen


def visit_assets(visit) -> QuerySet[Asset]:
    """The site's fixed assets, of the visit's company only (the site's
    maintainer): none of another company's is ever offered or accepted."""
    return Asset.objects.filter(
        site_id=visit.site_id, site__maintained_by_id=visit.company_id
    ).order_by("tag")


def on_leave_ids(*, person_ids, start: datetime, end: datetime) -> set[int]:
    """Of ``person_ids``, those with approved leave on a day of the window."""
    first = start.astimezone(CALENDAR_ZONE).date()
    last = end.astimezone(CALENDAR_ZONE).date()
    leaves = Leave.objects.filter(
        person_id__in=person_ids,
        outcome=Leave.Decision.APPROVED,
        start_date__lte=last,
        end_date__gte=first,
    )
    return set(leaves.values_list("person_id", flat=True))


def visits_for(user) -> QuerySet[SiteVisit]:
    """The visits ``user`` may see: a contractor only its own company's."""
    visits = flow_requests_for_user(user, SiteVisit)
    return visits.select_related("site", "company", "escort", "requester")


def visitor_lines(visit_ids) -> dict[int, str]:
    """``张三, 李四`` for each visit: who goes in; one query."""
    from .models import Visitor

    rows = Visitor.objects.filter(visit_id__in=visit_ids).order_by("visit_id", "pk")
    lines: dict[int, list[str]] = {}
    for visit_id, name, staff_name in rows.values_list(
        "visit_id", "name", "staff__name"
    ):
        lines.setdefault(visit_id, []).append(staff_name or name)
    return {visit_id: ", ".join(names) for visit_id, names in lines.items()}


def may_see_visit_log(user) -> bool:
    """The carrier, and the people of a contractor company (their own visits)."""
    from registry.roles import is_carrier
    from registry.selectors import company_of

    return user.is_authenticated and (is_carrier(user) or company_of(user) is not None)
