from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from ninja import Router
from ninja.pagination import paginate

from ..models import Request
from ..queue.selectors import actionable_tasks, visible_tasks
from ..selectors import task_can_act
from ..services import task_act
from .actions import ACTIONS, UNSUPPORTED, handler_for
from .errors import WRITES, answers
from .fields import PathId
from .pages import Page, Rows
from .schemas import TaskActionIn, TaskOut
from .serializers import person_name

router = Router(tags=["tasks"])
UNKNOWN_ACTION = _("Choose one of: approve, reject, return.")


def task_out(task, user, requests: dict, can_act: bool | None = None) -> dict:
    request_obj = requests[task.process_id]
    return {
        "id": task.pk,
        "request_id": task.process_id,
        "reference": request_obj.reference,
        "flow": task.flow_task.flow_class.instance.flow_label,
        "step": task.flow_task.name,
        "step_title": str(task.flow_task.task_title),
        "status": task.status,
        "owner": person_name(task.owner),
        "company": str(request_obj.company),
        "created": task.created,
        "can_act": task_can_act(user, task) if can_act is None else can_act,
    }


@router.get(
    "", response=answers({200: list[TaskOut]}), summary="My open tasks across flows"
)
@paginate(Page)
def list_tasks(request):
    def rows(tasks):
        ids = {task.process_id for task in tasks}
        requests = Request.objects.select_related("company").in_bulk(ids)
        # Every listed task is the user's or offered to them: they may act on it.
        return [task_out(task, request.user, requests, can_act=True) for task in tasks]

    return Rows(actionable_tasks(request.user), rows)


@router.post(
    "/{task_id}/actions",
    response=answers({200: TaskOut}, codes=WRITES),
    summary="Approve, reject or return a task",
)
def act_on_task(request, task_id: PathId, payload: TaskActionIn):
    task = visible_tasks(request.user).filter(pk=task_id).first()
    if task is None:
        raise Http404
    if payload.action not in ACTIONS:
        raise ValidationError({"action": [UNKNOWN_ACTION]})
    handler = handler_for(task.flow_task)
    if handler is None:
        raise ValidationError(UNSUPPORTED)
    task = task_act(
        task_pk=task.pk,
        user=request.user,
        act=lambda activation: handler(
            activation, request.user, payload.action, payload.comment
        ),
    )
    task.refresh_from_db()
    requests = Request.objects.select_related("company").in_bulk([task.process_id])
    return task_out(task, request.user, requests)
