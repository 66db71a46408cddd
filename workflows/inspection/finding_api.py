"""``/api/v1/inspection-findings``: the findings the user may see, and their
follow-up as on the findings page: scheduled for a date, rectified on the spot
(multipart, with its photo) or handed to a fault ticket opened from it."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from ninja import File, Form, Query, Router, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from registry.calendar import local_today
from workflows.api.errors import READS, WRITES, answers
from workflows.api.fields import IdempotencyKey, PathId
from workflows.api.filters import filter_data, filtered
from workflows.api.idempotency import once
from workflows.api.pages import Page, Rows

from . import findings as follow
from .finding_list import FindingFilter
from .models import Finding
from .schemas import FindingOut, FindingQuery, FindingTicketIn, RectifyIn, ScheduleIn
from .selectors import findings_for, may_see_inspections

router = Router(tags=["inspection findings"])
SEEN = answers({200: FindingOut}, codes=(403, *READS))
ORDER = ("resolved_at", "-created_at", "-pk")  # the findings page's order


def see_check(user) -> None:
    """Inspections are refused (403) to whom their pages refuse them."""
    if not may_see_inspections(user):
        raise PermissionDenied


def visible_findings(user):
    see_check(user)
    return findings_for(user)


def finding_out(finding: Finding, today=None) -> dict:
    ticket = finding.fault_ticket
    return {
        "id": finding.pk,
        "execution_id": finding.execution_id,
        "plan_id": finding.execution.row.plan_id,
        "company_id": finding.company_id,
        "company": str(finding.company),
        "site_id": finding.site_id,
        "site": finding.site.code,
        "source": finding.source,
        "item_key": finding.item_key,
        "description": finding.text,
        "reading": finding.reading,
        "follow_up": finding.follow_up,
        "note": finding.note,
        "due_date": finding.due_date,
        "overdue": finding.overdue_on(today or local_today()),
        "has_photo": bool(finding.photo),
        "fault_ticket_id": finding.fault_ticket_id,
        "fault_ticket": ticket.reference if ticket else None,
        "created_at": finding.created_at,
        "resolved_at": finding.resolved_at,
        "is_open": finding.is_open,
    }


@router.get(
    "",
    response=answers({200: list[FindingOut]}, codes=(403, *READS)),
    summary="Inspection findings I may see, open ones first",
)
@paginate(Page)
def list_findings(request, filters: Query[FindingQuery]):
    see_check(request.user)
    rows = FindingFilter(filter_data(filters), user=request.user)
    today = local_today()
    return Rows(
        filtered(rows).order_by(*ORDER),
        lambda page: [finding_out(x, today) for x in page],
    )


@router.get("/{finding_id}", response=SEEN, summary="One inspection finding")
def get_finding(request, finding_id: PathId):
    return finding_out(_finding(request.user, finding_id))


def _finding(user, finding_id: int) -> Finding:
    return get_object_or_404(visible_findings(user), pk=finding_id)


def _followed_up(request, finding_id: int, **follow_up) -> dict:
    finding = _finding(request.user, finding_id)
    follow.finding_follow_up(finding=finding, user=request.user, **follow_up)
    return finding_out(_finding(request.user, finding_id))


@router.post(
    "/{finding_id}/schedule",
    response=answers({200: FindingOut}, codes=WRITES),
    summary="Schedule a finding's rectification for a date",
)
def schedule_finding(request, finding_id: PathId, payload: ScheduleIn):
    return _followed_up(
        request,
        finding_id,
        follow_up=Finding.FollowUp.SCHEDULED,
        note=payload.note,
        due_date=payload.due_date,
    )


@router.post(
    "/{finding_id}/rectify",
    response=answers({200: FindingOut}, codes=WRITES),
    summary="Record a finding rectified on the spot (multipart, with its photo)",
)
def rectify_finding(
    request,
    finding_id: PathId,
    payload: Form[RectifyIn],
    photo: File[UploadedFile],
):
    return _followed_up(
        request,
        finding_id,
        follow_up=Finding.FollowUp.RECTIFIED,
        note=payload.note,
        photo=photo,
    )


@router.post(
    "/{finding_id}/ticket",
    response=answers({201: FindingOut}, codes=WRITES),
    summary="Open a fault ticket from a finding",
)
def open_ticket(
    request, finding_id: PathId, payload: FindingTicketIn, key: IdempotencyKey = None
):
    def create():
        finding = _finding(request.user, finding_id)
        follow.finding_ticket_open(
            finding=finding, user=request.user, level=payload.level, mode=payload.mode
        )
        return Status(201, finding_out(_finding(request.user, finding_id)))

    return once(request, key=key, payload=payload, create=create)
