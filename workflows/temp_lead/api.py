"""``/api/v1/temp-leads``: list, report and read stand-ins; acknowledge them."""

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from ninja import Router, Status
from ninja.pagination import paginate

from workflows.api.actions import register_action_handler
from workflows.api.errors import WRITES, answers
from workflows.api.fields import IdempotencyKey, PathId
from workflows.api.idempotency import once
from workflows.api.inputs import input_names, own_staff
from workflows.api.pages import Page, Rows
from workflows.api.schemas import TempLeadIn, TempLeadOut
from workflows.api.serializers import history_out, request_out
from workflows.selectors import flow_requests_for_user

from . import services
from .flows import TempLeadFlow
from .models import TempLead

router = Router(tags=["temporary leads"])
ONLY_ACKNOWLEDGED = _(
    "A temporary lead is only acknowledged: send approve to acknowledge it."
)


def temp_leads_for(user):
    return flow_requests_for_user(user, TempLead).select_related("stand_in")


def lead_out(lead: TempLead, with_history: bool = True) -> dict:
    return {
        **request_out(lead),
        "stand_in_id": lead.stand_in_id,
        "stand_in": lead.stand_in.name,
        "start_date": lead.start_date,
        "end_date": lead.end_date,
        "reason": lead.reason,
        "acknowledged_at": lead.acknowledged_at,
        "acting_today": lead.acting_today,
        "history": history_out(lead) if with_history else [],
    }


@router.get(
    "", response=answers({200: list[TempLeadOut]}), summary="Temporary leads I may see"
)
@paginate(Page)
def list_leads(request):
    return Rows(
        temp_leads_for(request.user),
        lambda page: [lead_out(x, with_history=False) for x in page],
    )


@router.post(
    "",
    response=answers({201: TempLeadOut}, codes=WRITES),
    summary="Name a temporary lead",
)
def create_lead(request, payload: TempLeadIn, key: IdempotencyKey = None):
    return once(
        request, key=key, payload=payload, create=lambda: _file(request, payload)
    )


def _file(request, payload: TempLeadIn):
    user = request.user
    data = services.TempLeadInput(
        stand_in=own_staff(
            user,
            payload.stand_in_id,
            field="stand_in_id",
            message=services.NOT_YOUR_STAFF,
        ),
        start_date=payload.start_date,
        end_date=payload.end_date,
        reason=payload.reason,
    )
    with input_names(stand_in="stand_in_id"):
        lead = services.temp_lead_submit(user=user, data=data)
    return Status(201, lead_out(temp_leads_for(user).get(pk=lead.pk)))


@router.get(
    "/{lead_id}", response=answers({200: TempLeadOut}), summary="One temporary lead"
)
def get_lead(request, lead_id: PathId):
    return lead_out(get_object_or_404(temp_leads_for(request.user), pk=lead_id))


def acknowledge_by_api(activation, user, action, comment):
    """``approve`` acknowledges, as the page does (``AcknowledgeView``)."""
    if action != "approve":
        raise ValidationError({"action": [ONLY_ACKNOWLEDGED]})
    services.temp_lead_acknowledge(
        lead=activation.process, task=activation.task, user=user, comment=comment
    )


register_action_handler(TempLeadFlow.acknowledge, acknowledge_by_api)
