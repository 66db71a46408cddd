"""``/api/v1/leave``: list, file and read leave; decide its approval steps."""

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from ninja import Router, Status
from ninja.pagination import paginate

from home.rules import current_rules
from workflows.api.actions import register_action_handler
from workflows.api.errors import WRITES, answers
from workflows.api.fields import IdempotencyKey, PathId
from workflows.api.idempotency import once
from workflows.api.inputs import input_names, own_staff
from workflows.api.pages import Page, Rows
from workflows.api.schemas import LeaveIn, LeaveOut
from workflows.api.serializers import (
    history_out,
    last_routed,
    request_out,
    with_routing,
)
from workflows.selectors import flow_requests_for_user

from . import services
from .flows import LeaveFlow
from .models import Leave

router = Router(tags=["leave"])
DECISIONS = {"approve": Leave.Decision.APPROVED, "reject": Leave.Decision.REJECTED}
NOT_RETURNED = _("Leave is approved or rejected; it cannot be returned.")


def leaves_for(user):
    return with_routing(flow_requests_for_user(user, Leave).select_related("person"))


def route_out(leave: Leave, rules) -> dict:
    """The route taken so far; ``rules`` (read once per answer) fill the undecided."""
    routed = last_routed(leave)
    decided = leave.needs_carrier is not None
    return {
        "company_step": leave.needs_company_approval,
        "carrier_step": leave.needs_carrier,
        "decided": decided,
        "days": leave.days,
        "carrier_after_days": (
            leave.carrier_after_days
            if decided
            else rules.staff_change.leave_carrier_after_days
        ),
        "note": routed.note_text if routed else "",
        "revision_id": (
            routed.rules.get("revision_id")
            if routed
            else rules.staff_change.revision_id
        ),
    }


def leave_out(leave: Leave, rules, with_history: bool = True) -> dict:
    return {
        **request_out(leave),
        "person_id": leave.person_id,
        "person": leave.person.name,
        "start_date": leave.start_date,
        "end_date": leave.end_date,
        "reason": leave.reason,
        "decision": leave.decision,
        "began_on": leave.began_on,
        "ended_on": leave.ended_on,
        "route": route_out(leave, rules),
        "history": history_out(leave) if with_history else [],
    }


@router.get("", response=answers({200: list[LeaveOut]}), summary="Leave I may see")
@paginate(Page)
def list_leave(request):
    rules = current_rules()
    return Rows(
        leaves_for(request.user),
        lambda page: [leave_out(x, rules, with_history=False) for x in page],
    )


@router.post("", response=answers({201: LeaveOut}, codes=WRITES), summary="File leave")
def create_leave(request, payload: LeaveIn, key: IdempotencyKey = None):
    return once(
        request, key=key, payload=payload, create=lambda: _file(request, payload)
    )


def _file(request, payload: LeaveIn):
    user = request.user
    person = None
    if payload.person_id is not None:
        person = own_staff(
            user, payload.person_id, field="person_id", message=services.NOT_YOUR_STAFF
        )
    data = services.LeaveInput(
        start_date=payload.start_date,
        end_date=payload.end_date,
        reason=payload.reason,
        person=person,
    )
    with input_names(person="person_id"):
        leave = services.leave_submit(user=user, data=data)
    leave = leaves_for(user).get(pk=leave.pk)
    return Status(201, leave_out(leave, current_rules()))


@router.get("/{leave_id}", response=answers({200: LeaveOut}), summary="One leave")
def get_leave(request, leave_id: PathId):
    leave = get_object_or_404(leaves_for(request.user), pk=leave_id)
    return leave_out(leave, current_rules())


def decide_by_api(activation, user, action, comment):
    """The same decision the approval page records (``DecisionView``)."""
    if action not in DECISIONS:
        raise ValidationError({"action": [NOT_RETURNED]})
    services.decision_record(
        leave=activation.process,
        task=activation.task,
        user=user,
        decision=DECISIONS[action],
        comment=comment,
    )


register_action_handler(LeaveFlow.company_approval, decide_by_api)
register_action_handler(LeaveFlow.carrier_approval, decide_by_api)
