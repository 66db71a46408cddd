"""``/api/v1/faults``: dispatch (the monitoring centre or its alarm integration),
list and read fault tickets, and every human step: accept, arrive (on-site
tickets), progress, restore, report, confirm or send back, overdue analysis;
re-dispatch, suspend, the carrier's decision on it, resume and chase
(``api_actions.py``).

A dispatch carrying an ``alarm_id`` already seen returns that ticket (200)
instead of a second one: monitoring systems retry.
"""

from datetime import datetime
from decimal import Decimal
from typing import Literal

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from registry.models import Site
from workflows.api.errors import WRITES, answers
from workflows.api.fields import Id, PathId, Reason, text
from workflows.api.inputs import input_names
from workflows.api.pages import Page, Rows
from workflows.api.schemas import RequestOut, TransitionOut
from workflows.api.serializers import history_out, person_name, request_out
from workflows.presence.schemas import LocationIn
from workflows.services import TaskConflict, task_act

from . import services
from .selectors import step_task, tickets_for

router = Router(tags=["fault tickets"])
STEP_NOT_OPEN = _("This step is not open on this ticket.")


class TicketIn(Schema):
    site_id: Id
    level: int
    mode: str
    description: Reason
    alarm_id: text(80) = ""


class SlaOut(Schema):
    hours: Decimal
    due_at: datetime | None
    warning_at: datetime | None
    remaining_seconds: int | None
    warned_at: datetime | None
    escalated_at: datetime | None
    escalation_level: int
    suspended_at: datetime | None
    suspended_seconds: int
    overdue: bool
    flag: str
    revision_id: int | None


class PresenceOut(Schema):
    at: datetime
    latitude: Decimal | None
    longitude: Decimal | None
    accuracy_m: int | None
    distance_m: int | None
    limit_m: int
    flag: str
    revision_id: int


class TicketOut(RequestOut):
    site_id: int | None
    site: str
    level: int
    mode: str
    tier: str
    state: str
    description: str
    alarm_id: str
    dispatched_at: datetime | None
    accepted_at: datetime | None
    accepted_by: str | None
    arrived_at: datetime | None
    arrival: PresenceOut | None
    restored_at: datetime | None
    cause: str
    measures: str
    needs_report: bool
    report: str
    report_due_at: datetime | None
    decision: str
    analysis: str
    analysis_due_at: datetime | None
    suspend_reason: str
    suspend_decision: str
    chased_at: datetime | None
    sla: SlaOut
    history: list[TransitionOut]


class NoteIn(Schema):
    text: Reason


class ArriveIn(LocationIn):
    """``{}`` records the arrival all the same, flagged ``unknown``."""


class RestoreIn(Schema):
    cause: Reason
    measures: Reason


class ReportIn(Schema):
    report: Reason


class ConfirmIn(Schema):
    decision: Literal["confirmed", "returned"]
    comment: Reason = ""


class AnalysisIn(Schema):
    analysis: Reason


def presence_out(presence) -> dict:
    return {
        "at": presence.at,
        "latitude": presence.latitude,
        "longitude": presence.longitude,
        "accuracy_m": presence.accuracy_m,
        "distance_m": presence.distance_m,
        "limit_m": presence.limit_m,
        "flag": presence.flag,
        "revision_id": presence.rules_revision_id,
    }


def ticket_out(ticket, with_history: bool = True) -> dict:
    left = ticket.sla_remaining()
    return {
        **request_out(ticket),
        "site_id": ticket.site_id,
        "site": ticket.site.name if ticket.site_id else "",
        "level": ticket.level,
        "mode": ticket.mode,
        "tier": ticket.tier,
        "state": ticket.state,
        "description": ticket.description,
        "alarm_id": ticket.alarm_id,
        "dispatched_at": ticket.dispatched_at,
        "accepted_at": ticket.accepted_at,
        "accepted_by": person_name(ticket.accepted_by),
        "arrived_at": ticket.arrived_at,
        "arrival": presence_out(ticket.arrival) if ticket.arrival_id else None,
        "restored_at": ticket.restored_at,
        "cause": ticket.cause,
        "measures": ticket.measures,
        "needs_report": ticket.needs_report,
        "report": ticket.report,
        "report_due_at": ticket.report_due_at,
        "decision": ticket.decision,
        "analysis": ticket.analysis,
        "analysis_due_at": ticket.analysis_due_at,
        "suspend_reason": ticket.suspend_reason,
        "suspend_decision": ticket.suspend_decision,
        "chased_at": ticket.chased_at,
        "sla": {
            "hours": ticket.sla_hours,
            "due_at": ticket.sla_due_at,
            "warning_at": ticket.warning_at,
            "remaining_seconds": int(left.total_seconds())
            if left is not None
            else None,
            "warned_at": ticket.warned_at,
            "escalated_at": ticket.escalated_at,
            "escalation_level": ticket.escalation_level,
            "suspended_at": ticket.suspended_at,
            "suspended_seconds": ticket.suspended_seconds,
            "overdue": ticket.overdue,
            "flag": ticket.sla_flag,
            "revision_id": ticket.sla_revision_id,
        },
        "history": history_out(ticket) if with_history else [],
    }


@router.get(
    "", response=answers({200: list[TicketOut]}), summary="Fault tickets I may see"
)
@paginate(Page)
def list_tickets(request):
    return Rows(
        tickets_for(request.user),
        lambda page: [ticket_out(t, with_history=False) for t in page],
    )


@router.post(
    "",
    response=answers({200: TicketOut, 201: TicketOut}, codes=WRITES),
    summary="Dispatch a fault ticket (idempotent by alarm_id)",
)
def dispatch_ticket(request, payload: TicketIn):
    user = request.user
    site = Site.objects.filter(pk=payload.site_id).first()
    data = services.TicketInput(
        site=site,
        level=payload.level,
        mode=payload.mode,
        description=payload.description,
        alarm_id=payload.alarm_id.strip(),
    )
    known = (
        bool(data.alarm_id)
        and tickets_for(user).filter(alarm_id=data.alarm_id).exists()
    )
    with input_names(site="site_id"):
        ticket = services.ticket_dispatch(user=user, data=data)
    ticket = tickets_for(user).get(pk=ticket.pk)
    return Status(200 if known else 201, ticket_out(ticket))


@router.get(
    "/{ticket_id}", response=answers({200: TicketOut}), summary="One fault ticket"
)
def get_ticket(request, ticket_id: PathId):
    return ticket_out(get_object_or_404(tickets_for(request.user), pk=ticket_id))


def _step(request, ticket_id: int, node: str, act):
    """Complete the ticket's open ``node`` task as the caller, with ``act``."""
    ticket = get_object_or_404(tickets_for(request.user), pk=ticket_id)
    task = step_task(ticket, node)
    if task is None:
        raise TaskConflict(STEP_NOT_OPEN)
    task_act(task_pk=task.pk, user=request.user, act=act)
    return ticket_out(tickets_for(request.user).get(pk=ticket.pk))


@router.post(
    "/{ticket_id}/accept",
    response=answers({200: TicketOut}, codes=WRITES),
    summary="Accept a ticket (接单)",
)
def accept(request, ticket_id: PathId):
    return _step(
        request,
        ticket_id,
        "accept",
        lambda a: services.accept_record(
            ticket=a.process, task=a.task, user=request.user
        ),
    )


@router.post(
    "/{ticket_id}/progress",
    response=answers({200: TicketOut}, codes=WRITES),
    summary="Add a progress note while handling",
)
def progress(request, ticket_id: PathId, payload: NoteIn):
    ticket = get_object_or_404(tickets_for(request.user), pk=ticket_id)
    services.progress_add(ticket=ticket, user=request.user, text=payload.text)
    return ticket_out(tickets_for(request.user).get(pk=ticket.pk))


@router.post(
    "/{ticket_id}/arrive",
    response=answers({200: TicketOut}, codes=WRITES),
    summary="Arrive on site, with the phone's position if allowed (到场)",
)
def arrive(request, ticket_id: PathId, payload: ArriveIn):
    location = payload.location()
    return _step(
        request,
        ticket_id,
        "arrive",
        lambda a: services.arrive_record(
            ticket=a.process, task=a.task, user=request.user, location=location
        ),
    )


@router.post(
    "/{ticket_id}/restore",
    response=answers({200: TicketOut}, codes=WRITES),
    summary="Restore service, with cause and measures (恢复)",
)
def restore(request, ticket_id: PathId, payload: RestoreIn):
    return _step(
        request,
        ticket_id,
        "restore",
        lambda a: services.restore_record(
            ticket=a.process,
            task=a.task,
            user=request.user,
            cause=payload.cause,
            measures=payload.measures,
        ),
    )


@router.post(
    "/{ticket_id}/report",
    response=answers({200: TicketOut}, codes=WRITES),
    summary="Send the fault report",
)
def report(request, ticket_id: PathId, payload: ReportIn):
    return _step(
        request,
        ticket_id,
        "report",
        lambda a: services.report_record(
            ticket=a.process, task=a.task, user=request.user, report=payload.report
        ),
    )


@router.post(
    "/{ticket_id}/confirm",
    response=answers({200: TicketOut}, codes=WRITES),
    summary="Confirm the restoration or send it back (carrier)",
)
def confirm(request, ticket_id: PathId, payload: ConfirmIn):
    return _step(
        request,
        ticket_id,
        "confirm",
        lambda a: services.confirm_record(
            ticket=a.process,
            task=a.task,
            user=request.user,
            decision=payload.decision,
            comment=payload.comment,
        ),
    )


@router.post(
    "/{ticket_id}/analysis",
    response=answers({200: TicketOut}, codes=WRITES),
    summary="Send the overdue analysis",
)
def analysis(request, ticket_id: PathId, payload: AnalysisIn):
    return _step(
        request,
        ticket_id,
        "analysis",
        lambda a: services.analysis_record(
            ticket=a.process, task=a.task, user=request.user, analysis=payload.analysis
        ),
    )


from . import api_actions  # noqa: E402, F401  (routes on this router)
