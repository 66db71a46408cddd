"""Writes of the site-access flow: file a visit, and the site owner's decision."""

from dataclasses import dataclass, field
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from home.rules import current_rules
from registry.models import Site, StaffMember
from registry.selectors import company_of, sites_for_user
from training.rules import visitor_untrained_reason
from workflows.services import new_reference, summary_write, transition_record

from . import rules
from .models import SiteVisit, Visitor
from .selectors import on_leave_ids, prework_checklist

ADD_PERMISSION = "site_access.add_sitevisit"
NOT_ALLOWED = _("Only a contractor's manager or engineer files site visits.")
NOT_YOUR_SITE = _("Choose a site your company maintains.")
ACKNOWLEDGE = _("Acknowledge the site's pre-work safety checklist.")
OUTSIDER_ROW = _("Outside visitor %(row)s: %(problem)s")
COMMENT_REQUIRED = _("Give a reason for rejecting.")
BLOCKED = _("Cannot approve: %(reasons)s")
UNKNOWN_DECISION = _("Choose approve or reject.")
SUMMARY = _("Visit to %(site)s, %(day)s")
OUTSIDER_FIELDS = tuple(rules.OUTSIDER_NEEDS)


@dataclass
class SiteVisitInput:
    """What a contractor fills in, from the form page or the API."""

    site: Site
    window_start: datetime
    window_end: datetime
    planned_work: str
    staff: list[StaffMember] = field(default_factory=list)
    outsiders: list[dict] = field(default_factory=list)
    escort: StaffMember | None = None
    cabinets: str = ""
    equipment_change: bool = False
    checklist_acknowledged: bool = False
    answers: list[dict] = field(default_factory=list)
    attachments: list = field(default_factory=list)


def visit_validate(*, user, data: SiteVisitInput) -> None:
    """Every check of a filing; raises a translated ``ValidationError``."""
    company = company_of(user)
    if company is None or not user.has_perm(ADD_PERMISSION):
        raise PermissionDenied(NOT_ALLOWED)
    if not sites_for_user(user).filter(pk=data.site.pk).exists():
        raise ValidationError({"site": NOT_YOUR_SITE})
    rules.window_validate(
        start=data.window_start, end=data.window_end, now=timezone.now()
    )
    if not data.staff and not data.outsiders:
        raise ValidationError({"staff": rules.NO_VISITORS})
    rules.company_validate(people=data.staff, company_id=company.pk, field="staff")
    rules.rows_validate(
        data.outsiders,
        check=rules.outsider_problems,
        field="outsiders",
        message=OUTSIDER_ROW,
    )
    rules.escort_validate(outsiders=len(data.outsiders), escort=data.escort)
    if data.escort is not None:
        rules.company_validate(
            people=[data.escort], company_id=company.pk, field="escort"
        )
    if prework_checklist(data.site) and not data.checklist_acknowledged:
        raise ValidationError({"checklist_acknowledged": ACKNOWLEDGE})


def visit_submit(*, user, data: SiteVisitInput) -> SiteVisit:
    """Validate and start a visit; the site owner's approval waits."""
    from .flows import SiteAccessFlow

    visit_validate(user=user, data=data)
    with transaction.atomic():
        return SiteAccessFlow.start.run(user=user, data=data)


def visit_fill(*, visit: SiteVisit, user, data: SiteVisitInput) -> None:
    """Write the filing onto ``visit`` and its visitor rows."""
    visit.company, visit.requester, visit.site = company_of(user), user, data.site
    visit.window_start, visit.window_end = data.window_start, data.window_end
    visit.planned_work = data.planned_work.strip()
    visit.cabinets = data.cabinets.strip()
    visit.equipment_change = data.equipment_change
    visit.escort = data.escort
    checklist = prework_checklist(data.site)
    if checklist is not None:
        visit.checklist = checklist
        visit.checklist_revision_id = checklist.live_revision_id
        visit.checklist_acknowledged_at = timezone.now()
    visit.due_at = data.window_start
    day = timezone.localtime(data.window_start).date()
    summary_write(visit, SUMMARY, site=data.site.name_zh, day=day)
    with translation.override("en"):
        site = data.site.name_en or data.site.code
        visit.summary_en = (str(SUMMARY) % {"site": site, "day": date_format(day)})[
            :200
        ]
    visit.reference = visit.reference or new_reference("SV")
    visit.answers = data.answers or visit.answers
    visit.full_clean(exclude=["flow_class", "attachments"])
    visit.save()
    rows = [Visitor(visit=visit, staff=person) for person in data.staff]
    rows += [
        Visitor(visit=visit, **{k: str(o[k]).strip() for k in OUTSIDER_FIELDS})
        for o in data.outsiders
    ]
    Visitor.objects.bulk_create(rows)
    if data.attachments:
        visit.attachments.add(*data.attachments)


def untrained_gate(person) -> str:
    """The training gate (a trainee is already refused as a trainee)."""
    if person.status == StaffMember.Status.TRAINEE:
        return ""
    return visitor_untrained_reason(person)


def block_reasons(visit: SiteVisit, gates=(untrained_gate,)) -> list[str]:
    """Why the visit's roster visitors may not go in; empty when all may."""
    people = [v.staff for v in visit.visitors.select_related("staff") if v.staff_id]
    away = on_leave_ids(
        person_ids=[p.pk for p in people],
        start=visit.window_start,
        end=visit.window_end,
    )
    reasons = []
    for person in people:
        reasons += rules.visitor_block_reasons(
            person, on_leave=person.pk in away, gates=gates
        )
    return reasons


def decision_record(*, visit: SiteVisit, task, user, decision: str, comment: str):
    """The site owner's decision: approval is refused while a visitor is blocked."""
    if decision not in SiteVisit.Decision.values:
        raise ValidationError({"decision": UNKNOWN_DECISION})
    if decision == SiteVisit.Decision.REJECTED and not comment.strip():
        raise ValidationError({"comment": COMMENT_REQUIRED})
    if decision == SiteVisit.Decision.APPROVED:
        reasons = block_reasons(visit)
        if reasons:
            raise ValidationError(BLOCKED % {"reasons": " ".join(reasons)})
        visit.due_at = visit.window_end
    else:
        visit.outcome = SiteVisit.Decision.REJECTED
        visit.due_at = None
    visit.decision = decision
    visit.save(update_fields=["decision", "outcome", "due_at"])
    staff = current_rules().staff_change
    transition_record(
        request=visit,
        action=decision,
        actor=user,
        task=task,
        comment=comment,
        rules={
            "topic": "staff_change",
            "revision_id": staff.revision_id,
            "site_access_group": staff.site_access_group.name,
        },
    )
