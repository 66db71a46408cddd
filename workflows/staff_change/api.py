"""``/api/v1/staff-changes``: list, file and read staff changes."""

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from ninja import Router, Status
from ninja.pagination import paginate

from registry.selectors import contracts_for_user, staff_for_user
from workflows.api.actions import register_action_handler
from workflows.api.errors import WRITES, answers
from workflows.api.fields import IdempotencyKey, PathId
from workflows.api.idempotency import once
from workflows.api.inputs import input_names
from workflows.api.pages import Page, Rows
from workflows.api.schemas import StaffChangeIn, StaffChangeOut
from workflows.api.serializers import (
    history_out,
    last_routed,
    request_out,
    with_routing,
)
from workflows.selectors import flow_requests_for_user

from . import services
from .flows import StaffChangeFlow
from .models import StaffChange

router = Router(tags=["staff changes"])
DECISIONS = {"approve": "approved", "reject": "rejected", "return": "returned"}


def staff_changes_for(user):
    changes = flow_requests_for_user(user, StaffChange).select_related("contract")
    return with_routing(changes)


def change_out(change: StaffChange, with_history: bool = True) -> dict:
    cap = None
    if change.within_cap is not None:
        cap = {
            "used": change.cap_used,
            "requested": change.positions,
            "allowed": change.cap_allowed,
            "cap_percent": str(change.cap_percent),
            "within_cap": change.within_cap,
            "note": _routed_note(change),
            "revision_id": _routed_revision(change),
        }
    route = (
        ""
        if change.within_cap is None
        else ("review" if change.within_cap else "exception")
    )
    return {
        **request_out(change),
        "contract_id": change.contract_id,
        "kind": change.kind,
        "reason": change.reason,
        "effective_date": change.effective_date,
        "positions": change.positions,
        "route": route,
        "cap": cap,
        "history": history_out(change) if with_history else [],
    }


def _routed_note(change) -> str:
    routed = last_routed(change)
    return routed.note_text if routed else ""


def _routed_revision(change):
    routed = last_routed(change)
    return routed.rules.get("revision_id") if routed else None


@router.get(
    "", response=answers({200: list[StaffChangeOut]}), summary="Staff changes I may see"
)
@paginate(Page)
def list_changes(request):
    return Rows(
        staff_changes_for(request.user),
        lambda page: [change_out(c, with_history=False) for c in page],
    )


@router.post(
    "",
    response=answers({201: StaffChangeOut}, codes=WRITES),
    summary="File a staff change",
)
def create_change(request, payload: StaffChangeIn, key: IdempotencyKey = None):
    return once(
        request, key=key, payload=payload, create=lambda: _file(request, payload)
    )


def _file(request, payload: StaffChangeIn):
    user = request.user
    contract = get_object_or_404(contracts_for_user(user), pk=payload.contract_id)
    staff_out = list(staff_for_user(user).filter(pk__in=payload.staff_out_ids))
    if len(staff_out) != len(set(payload.staff_out_ids)):
        raise ValidationError({"staff_out_ids": [services.NOT_YOUR_STAFF]})
    data = services.StaffChangeInput(
        contract=contract,
        kind=payload.kind,
        reason=payload.reason,
        effective_date=payload.effective_date,
        staff_out=staff_out,
        people_in=[person.dict() for person in payload.people_in],
    )
    with input_names(contract="contract_id", staff_out="staff_out_ids"):
        change = services.staff_change_submit(user=user, data=data)
    change = staff_changes_for(user).get(pk=change.pk)
    return Status(201, change_out(change))


@router.get(
    "/{change_id}", response=answers({200: StaffChangeOut}), summary="One staff change"
)
def get_change(request, change_id: PathId):
    change = get_object_or_404(staff_changes_for(request.user), pk=change_id)
    return change_out(change)


def decide_by_api(activation, user, action, comment):
    services.decision_record(
        change=activation.process,
        task=activation.task,
        user=user,
        decision=DECISIONS[action],
        comment=comment,
    )


register_action_handler(StaffChangeFlow.review, decide_by_api)
register_action_handler(StaffChangeFlow.exception_review, decide_by_api)
