"""``/api/v1/faults/{id}/…``: the side actions of a ticket, with the rights and
company isolation of its pages: re-dispatch (monitoring centre), suspend (the
holder, completing the restore step), the carrier's decision on it, resume
(the holder), return (the carrier's send-back) and chase (monitoring centre).
"""

from typing import Literal

from django.shortcuts import get_object_or_404
from ninja import Schema

from registry.models import Company
from workflows.api.errors import WRITES, answers
from workflows.api.fields import Id, PathId, Reason
from workflows.api.inputs import input_names

from . import actions, services
from .api import TicketOut, _step, router, ticket_out
from .selectors import tickets_for


class RedispatchIn(Schema):
    company_id: Id
    reason: Reason


class SuspendIn(Schema):
    reason: Reason


class SuspendDecisionIn(Schema):
    decision: Literal["approved", "refused"]
    comment: Reason = ""


class ReturnIn(Schema):
    comment: Reason


class ChaseIn(Schema):
    text: Reason


def _again(request, ticket) -> dict:
    return ticket_out(get_object_or_404(tickets_for(request.user), pk=ticket.pk))


@router.post(
    "/{ticket_id}/redispatch",
    response=answers({200: TicketOut}, codes=WRITES),
    summary="Re-dispatch to another company, with a reason (转派)",
)
def redispatch(request, ticket_id: PathId, payload: RedispatchIn):
    ticket = get_object_or_404(tickets_for(request.user), pk=ticket_id)
    company = Company.objects.filter(pk=payload.company_id).first()
    with input_names(company="company_id"):
        actions.ticket_redispatch(
            ticket=ticket, user=request.user, company=company, reason=payload.reason
        )
    return _again(request, ticket)


@router.post(
    "/{ticket_id}/suspend",
    response=answers({200: TicketOut}, codes=WRITES),
    summary="Ask to suspend, with a reason (挂起; the carrier approves)",
)
def suspend(request, ticket_id: PathId, payload: SuspendIn):
    return _step(
        request,
        ticket_id,
        "restore",
        lambda a: actions.suspend_ask(
            ticket=a.process, task=a.task, user=request.user, reason=payload.reason
        ),
    )


@router.post(
    "/{ticket_id}/suspend-decision",
    response=answers({200: TicketOut}, codes=WRITES),
    summary="Approve or refuse a suspension (carrier)",
)
def suspend_decision(request, ticket_id: PathId, payload: SuspendDecisionIn):
    return _step(
        request,
        ticket_id,
        "approve_suspend",
        lambda a: actions.suspend_decide(
            ticket=a.process,
            task=a.task,
            user=request.user,
            decision=payload.decision,
            comment=payload.comment,
        ),
    )


@router.post(
    "/{ticket_id}/resume",
    response=answers({200: TicketOut}, codes=WRITES),
    summary="Resume a suspended ticket: the SLA clock runs again",
)
def resume(request, ticket_id: PathId):
    return _step(
        request,
        ticket_id,
        "resume",
        lambda a: actions.resume_record(
            ticket=a.process, task=a.task, user=request.user
        ),
    )


@router.post(
    "/{ticket_id}/return",
    response=answers({200: TicketOut}, codes=WRITES),
    summary="Send a restored ticket back for more work (carrier)",
)
def send_back(request, ticket_id: PathId, payload: ReturnIn):
    return _step(
        request,
        ticket_id,
        "confirm",
        lambda a: services.confirm_record(
            ticket=a.process,
            task=a.task,
            user=request.user,
            decision="returned",
            comment=payload.comment,
        ),
    )


@router.post(
    "/{ticket_id}/chase",
    response=answers({200: TicketOut}, codes=WRITES),
    summary="Chase the holder (催办; monitoring centre), shown live to them",
)
def chase(request, ticket_id: PathId, payload: ChaseIn):
    ticket = get_object_or_404(tickets_for(request.user), pk=ticket_id)
    actions.ticket_chase(ticket=ticket, user=request.user, text=payload.text)
    return _again(request, ticket)
