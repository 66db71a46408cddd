"""``/api/v1/position-changes``: list, file and read changes; decide their steps."""

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from ninja import Router, Status
from ninja.pagination import paginate

from registry.models import Region
from workflows.api.actions import register_action_handler
from workflows.api.errors import WRITES, answers
from workflows.api.fields import IdempotencyKey, PathId
from workflows.api.idempotency import once
from workflows.api.inputs import input_names, own_staff
from workflows.api.pages import Page, Rows
from workflows.api.serializers import history_out, request_out
from workflows.selectors import flow_requests_for_user

from . import rules, services
from .flows import PositionFlow
from .models import PositionChange
from .schemas import PositionIn, PositionOut

router = Router(tags=["position changes"])
DECISIONS = {
    "approve": PositionChange.Decision.APPROVED,
    "reject": PositionChange.Decision.REJECTED,
}
NOT_RETURNED = _("A position change is approved or rejected; it cannot be returned.")
NO_REGION = _("No such area.")


def changes_for(user):
    return flow_requests_for_user(user, PositionChange).select_related("person")


def change_out(change: PositionChange, with_history: bool = True) -> dict:
    return {
        **request_out(change),
        "person_id": change.person_id,
        "person": change.person.name,
        "old_position": change.old_position,
        "new_position": change.new_position,
        "old_team": change.old_team,
        "new_team": change.new_team,
        "old_region_id": change.old_region_id,
        "new_region_id": change.new_region_id,
        "effective_date": change.effective_date,
        "reason": change.reason,
        "company_step": change.needs_company_approval,
        "decision": change.decision,
        "applied_on": change.applied_on,
        "history": history_out(change) if with_history else [],
    }


@router.get(
    "", response=answers({200: list[PositionOut]}), summary="Position changes I may see"
)
@paginate(Page)
def list_changes(request):
    return Rows(
        changes_for(request.user),
        lambda page: [change_out(x, with_history=False) for x in page],
    )


@router.post(
    "",
    response=answers({201: PositionOut}, codes=WRITES),
    summary="File a position change",
)
def create_change(request, payload: PositionIn, key: IdempotencyKey = None):
    return once(
        request, key=key, payload=payload, create=lambda: _file(request, payload)
    )


def _file(request, payload: PositionIn):
    user = request.user
    person = own_staff(
        user, payload.person_id, field="person_id", message=rules.OTHER_COMPANY
    )
    region = None
    if payload.region_id is not None:
        region = Region.objects.filter(pk=payload.region_id).first()
        if region is None:
            raise ValidationError({"region_id": [NO_REGION]})
    data = services.PositionInput(
        person=person,
        effective_date=payload.effective_date,
        reason=payload.reason,
        position=payload.position or "",
        team=payload.team or "",
        region=region,
    )
    with input_names(person="person_id"):
        change = services.position_submit(user=user, data=data)
    change = changes_for(user).get(pk=change.pk)
    return Status(201, change_out(change))


@router.get(
    "/{change_id}", response=answers({200: PositionOut}), summary="One position change"
)
def get_change(request, change_id: PathId):
    return change_out(get_object_or_404(changes_for(request.user), pk=change_id))


def decide_by_api(activation, user, action, comment):
    """The same decision the approval page records (``DecisionView``)."""
    if action not in DECISIONS:
        raise ValidationError({"action": [NOT_RETURNED]})
    services.decision_record(
        change=activation.process,
        task=activation.task,
        user=user,
        decision=DECISIONS[action],
        comment=comment,
    )


register_action_handler(PositionFlow.company_approval, decide_by_api)
register_action_handler(PositionFlow.carrier_approval, decide_by_api)
