"""``/api/v1/site-visits``: file, list and read visits; decide, check in and out."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from ninja import Router, Status
from ninja.pagination import paginate

from ledgers.models import AssetEvent
from registry.selectors import sites_for_user, staff_for_user
from workflows.api.actions import register_action_handler
from workflows.api.errors import WRITES, answers
from workflows.api.fields import IdempotencyKey, PathId
from workflows.api.idempotency import once
from workflows.api.inputs import input_names
from workflows.api.pages import Page, Rows
from workflows.api.serializers import history_out, request_out
from workflows.selectors import open_tasks_of
from workflows.services import NOT_YOURS, TaskConflict, task_act

from . import services, visiting
from .flows import SiteAccessFlow
from .models import SiteVisit, Visitor
from .schemas import CheckInIn, CheckOutIn, DecisionIn, SiteVisitIn, SiteVisitOut
from .selectors import visits_for

router = Router(tags=["site visits"])
DECISIONS = {"approve": "approved", "reject": "rejected"}
NOT_AT_STEP = _("This visit is not waiting for this step.")
NOT_YOUR_SITE_STAFF = _("Choose people of your own company.")


def _visits(user):
    visitors = Visitor.objects.select_related("staff")
    return visits_for(user).prefetch_related(Prefetch("visitors", queryset=visitors))


def visit_out(visit: SiteVisit, with_history: bool = True) -> dict:
    return {
        **request_out(visit),
        "site_id": visit.site_id,
        "site": visit.site.name,
        "window_start": visit.window_start,
        "window_end": visit.window_end,
        "planned_work": visit.planned_work,
        "cabinets": visit.cabinets,
        "equipment_change": visit.equipment_change,
        "escort_id": visit.escort_id,
        "checklist_id": visit.checklist_id,
        "checklist_acknowledged_at": visit.checklist_acknowledged_at,
        "decision": visit.decision,
        "overdue": visit.is_overdue,
        "work_done": visit.work_done,
        "equipment_notes": visit.equipment_notes,
        "items_open": visit.items_open,
        "visitors": [
            {
                "id": v.pk,
                "staff_id": v.staff_id,
                "name": str(v),
                "company_name": v.company_name,
                "checked_in_at": v.checked_in_at,
                "checked_out_at": v.checked_out_at,
            }
            for v in visit.visitors.all()
        ],
        "asset_events": asset_events_out(visit) if with_history else [],
        "history": history_out(visit) if with_history else [],
    }


def asset_events_out(visit: SiteVisit) -> list[dict]:
    """The ledger changes the visit's check-out wrote."""
    events = AssetEvent.objects.filter(process_id=visit.pk).select_related("asset")
    return [
        {"asset_id": e.asset_id, "tag": e.asset.tag, "kind": e.kind}
        for e in events.order_by("pk")
    ]


@router.get("", response=answers({200: list[SiteVisitOut]}), summary="Visits I may see")
@paginate(Page)
def list_visits(request):
    return Rows(
        _visits(request.user),
        lambda page: [visit_out(v, with_history=False) for v in page],
    )


@router.post(
    "", response=answers({201: SiteVisitOut}, codes=WRITES), summary="File a site visit"
)
def create_visit(request, payload: SiteVisitIn, key: IdempotencyKey = None):
    return once(
        request, key=key, payload=payload, create=lambda: _file(request, payload)
    )


def _file(request, payload: SiteVisitIn):
    user = request.user
    site = sites_for_user(user).filter(pk=payload.site_id).first()
    if site is None:
        raise ValidationError({"site_id": [services.NOT_YOUR_SITE]})
    ids = set(payload.staff_ids) | ({payload.escort_id} - {None})
    people = staff_for_user(user).in_bulk(ids)
    if len(people) != len(ids):
        field = "staff_ids" if set(payload.staff_ids) - set(people) else "escort_id"
        raise ValidationError({field: [NOT_YOUR_SITE_STAFF]})
    data = services.SiteVisitInput(
        site=site,
        window_start=payload.window_start,
        window_end=payload.window_end,
        planned_work=payload.planned_work,
        staff=[people[pk] for pk in payload.staff_ids],
        outsiders=[o.dict() for o in payload.outsiders],
        escort=people.get(payload.escort_id),
        cabinets=payload.cabinets,
        equipment_change=payload.equipment_change,
        checklist_acknowledged=payload.checklist_acknowledged,
    )
    with input_names(site="site_id", staff="staff_ids", escort="escort_id"):
        visit = services.visit_submit(user=user, data=data)
    return Status(201, visit_out(_visits(user).get(pk=visit.pk)))


@router.get("/{visit_id}", response=answers({200: SiteVisitOut}), summary="One visit")
def get_visit(request, visit_id: PathId):
    return visit_out(get_object_or_404(_visits(request.user), pk=visit_id))


def _act(request, visit_id: int, step: str, act):
    """Complete the visit's open ``step`` task with ``act(activation)``."""
    visit = get_object_or_404(visits_for(request.user), pk=visit_id)
    task = next((t for t in open_tasks_of(visit) if t.flow_task.name == step), None)
    if task is None:
        raise TaskConflict(NOT_AT_STEP)
    if task.owner_id and task.owner_id != request.user.pk:
        raise PermissionDenied(NOT_YOURS)
    task_act(task_pk=task.pk, user=request.user, act=act)
    return visit_out(_visits(request.user).get(pk=visit.pk))


@router.post(
    "/{visit_id}/decision",
    response=answers({200: SiteVisitOut}, codes=WRITES),
    summary="Approve or reject a visit (site owners)",
)
def decide(request, visit_id: PathId, payload: DecisionIn):
    return _act(
        request,
        visit_id,
        "approval",
        lambda a: services.decision_record(
            visit=a.process,
            task=a.task,
            user=request.user,
            decision=DECISIONS.get(payload.decision, payload.decision),
            comment=payload.comment,
        ),
    )


@router.post(
    "/{visit_id}/check-in",
    response=answers({200: SiteVisitOut}, codes=WRITES),
    summary="Check the visitors in",
)
def check_in(request, visit_id: PathId, payload: CheckInIn):
    times = {row.visitor_id: row.at for row in payload.times}
    location = payload.location()
    return _act(
        request,
        visit_id,
        "check_in",
        lambda a: visiting.check_in(
            visit=a.process,
            task=a.task,
            user=request.user,
            times=times,
            location=location,
        ),
    )


@router.post(
    "/{visit_id}/check-out",
    response=answers({200: SiteVisitOut}, codes=WRITES),
    summary="Check the visitors out and report the work",
)
def check_out(request, visit_id: PathId, payload: CheckOutIn):
    data = visiting.CheckOut(
        times={row.visitor_id: row.at for row in payload.times},
        work_done=payload.work_done,
        equipment_notes=payload.equipment_notes,
        items_open=payload.items_open,
        removed_asset_ids=list(payload.removed_asset_ids),
        added_assets=[row.dict() for row in payload.added_assets],
    )
    with input_names(removed_assets="removed_asset_ids"):
        return _act(
            request,
            visit_id,
            "check_out",
            lambda a: visiting.check_out(
                visit=a.process,
                task=a.task,
                user=request.user,
                data=data,
            ),
        )


def decide_by_api(activation, user, action, comment):
    """``/tasks/{id}/actions``: the same decision as the approval page."""
    if action not in DECISIONS:
        raise ValidationError({"action": [services.UNKNOWN_DECISION]})
    services.decision_record(
        visit=activation.process,
        task=activation.task,
        user=user,
        decision=DECISIONS[action],
        comment=comment,
    )


register_action_handler(SiteAccessFlow.approval, decide_by_api)
