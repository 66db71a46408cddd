"""``/api/v1/upgrades``: file, list and read upgrades, and take each human step."""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import File, Form, Router, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate
from viewflow.workflow.models import Task as FlowTask

from registry.selectors import sites_for_user
from workflows.api.actions import register_action_handler
from workflows.api.errors import WRITES, answers
from workflows.api.fields import PathId
from workflows.api.inputs import input_names
from workflows.api.pages import Page, Rows
from workflows.api.serializers import history_out, request_out
from workflows.selectors import flow_requests_for_user
from workflows.services import OPEN_STATUSES, task_act

from . import actions, schemas, services
from .models import SoftwareUpgrade

router = Router(tags=["software upgrades"])
DECISIONS = {"approve": "approved", "reject": "rejected", "return": "returned"}
NAMES = {"sites": "site_ids", "follows": "follows_id"}


def upgrades_for(user):
    return flow_requests_for_user(user, SoftwareUpgrade).prefetch_related("sites")


def upgrade_out(upgrade: SoftwareUpgrade, with_history: bool = True) -> dict:
    fields = (
        "system current_version target_version reason need_date proposed_start "
        "proposed_end spare_parts application_due application_late "
        "confirmation_due decision approved_start approved_end started_at "
        "ended_at result late_steps follows_id"
    ).split()
    return {
        **request_out(upgrade),
        **{name: getattr(upgrade, name) for name in fields},
        "site_ids": [site.pk for site in upgrade.sites.all()],
        "open_step": getattr(upgrade, "open_step", None),
        "history": history_out(upgrade) if with_history else [],
    }


@router.get(
    "",
    response=answers({200: list[schemas.UpgradeOut]}),
    summary="Software upgrades I may see",
)
@paginate(Page)
def list_upgrades(request):
    return Rows(
        upgrades_for(request.user),
        lambda page: [upgrade_out(u, with_history=False) for u in page],
    )


@router.post(
    "",
    response=answers({201: schemas.UpgradeOut}, codes=WRITES),
    summary="File a software upgrade (multipart, with its three documents)",
)
def create_upgrade(
    request,
    payload: Form[schemas.UpgradeIn],
    plan: File[UploadedFile],
    difference: File[UploadedFile],
    test_report: File[UploadedFile],
):
    user = request.user
    sites = list(sites_for_user(user).filter(pk__in=payload.site_ids))
    if len(sites) != len(set(payload.site_ids)):
        raise ValidationError({"site_ids": [services.NOT_YOUR_SITES]})
    follows = None
    if payload.follows_id:
        follows = upgrades_for(user).filter(pk=payload.follows_id).first()
        if follows is None:
            raise ValidationError({"follows_id": [services.NOT_A_FAILED_REQUEST]})
    data = services.UpgradeInput(
        **payload.dict(exclude={"site_ids", "follows_id"}),
        sites=sites,
        follows=follows,
        plan=plan,
        difference=difference,
        test_report=test_report,
    )
    with input_names(**NAMES):
        upgrade = services.upgrade_submit(user=user, data=data)
    return Status(201, _with_step(upgrades_for(user).get(pk=upgrade.pk)))


@router.get(
    "/{upgrade_id}",
    response=answers({200: schemas.UpgradeOut}),
    summary="One software upgrade",
)
def get_upgrade(request, upgrade_id: PathId):
    upgrade = get_object_or_404(upgrades_for(request.user), pk=upgrade_id)
    return _with_step(upgrade)


def _with_step(upgrade) -> dict:
    task = _open_task(upgrade)
    upgrade.open_step = task.flow_task.name if task else None
    return upgrade_out(upgrade)


def _open_task(upgrade, names=None):
    tasks = FlowTask.objects.filter(
        process_id=upgrade.pk, status__in=OPEN_STATUSES, flow_task_type="HUMAN"
    )
    for task in tasks.order_by("created"):
        if names is None or task.flow_task.name in names:
            return task
    return None


def _act(request, upgrade_id: int, names: tuple, write) -> dict:
    """Complete the request's open step named in ``names`` with ``write``."""
    upgrade = get_object_or_404(upgrades_for(request.user), pk=upgrade_id)
    task = _open_task(upgrade, names)
    if task is None:
        raise Http404
    task_act(
        task_pk=task.pk,
        user=request.user,
        act=lambda activation: write(
            upgrade=activation.process, task=activation.task, user=request.user
        ),
    )
    return _with_step(upgrades_for(request.user).get(pk=upgrade_id))


def _step(path: str, summary: str):
    return router.post(
        f"/{{upgrade_id}}/{path}",
        response=answers({200: schemas.UpgradeOut}, codes=WRITES),
        summary=summary,
    )


@_step("confirm", "Confirm receipt")
def confirm(request, upgrade_id: PathId, payload: schemas.CommentIn):
    def write(**kw):
        actions.confirm_record(**kw, comment=payload.comment)

    return _act(request, upgrade_id, ("confirm", "confirm_late"), write)


@_step("review", "Institute review: approve, reject or return")
def review(request, upgrade_id: PathId, payload: schemas.ReviewIn):
    def write(**kw):
        decision = DECISIONS.get(payload.decision, payload.decision)
        actions.review_record(**kw, decision=decision, comment=payload.comment)

    return _act(request, upgrade_id, ("review",), write)


@_step("approval", "Provincial approval with the approved window")
def approval(request, upgrade_id: PathId, payload: schemas.ApprovalIn):
    def write(**kw):
        actions.approval_record(
            **kw,
            decision=DECISIONS.get(payload.decision, payload.decision),
            comment=payload.comment,
            start=payload.approved_start,
            end=payload.approved_end,
        )

    return _act(request, upgrade_id, ("approval",), write)


@_step("start", "Report the start of the work")
def start(request, upgrade_id: PathId, payload: schemas.StartIn):
    def write(**kw):
        actions.start_record(**kw, started_at=payload.started_at)

    return _act(request, upgrade_id, ("report_start",), write)


@_step("end", "Report the end of the work and its outcome")
def end(request, upgrade_id: PathId, payload: schemas.EndIn):
    def write(**kw):
        actions.end_record(
            **kw,
            ended_at=payload.ended_at,
            result=payload.result,
            note=payload.result_note,
        )

    return _act(request, upgrade_id, ("report_end",), write)


@_step("rollback", "Confirm the rollback and report the failure")
def rollback(request, upgrade_id: PathId, payload: schemas.RollbackIn):
    def write(**kw):
        actions.rollback_record(
            **kw, confirmed=payload.rolled_back, report=payload.failure_report
        )

    return _act(request, upgrade_id, ("rollback",), write)


@_step("spare-parts", "Report the spare parts upgraded")
def spare_parts(request, upgrade_id: PathId, payload: schemas.NoteIn):
    def write(**kw):
        actions.spare_parts_record(**kw, note=payload.note)

    return _act(request, upgrade_id, ("spare_parts",), write)


@_step("service-record", "Write the service record that closes the upgrade")
def service_record(request, upgrade_id: PathId, payload: schemas.RecordIn):
    def write(**kw):
        actions.service_record_write(**kw, record=payload.record)

    return _act(request, upgrade_id, ("service_record",), write)


def review_by_api(activation, user, action, comment):
    actions.review_record(
        upgrade=activation.process,
        task=activation.task,
        user=user,
        decision=DECISIONS[action],
        comment=comment,
    )


def register_handlers() -> None:
    from .flows import UpgradeFlow

    register_action_handler(UpgradeFlow.review, review_by_api)


register_handlers()
