"""``/api/v1/delegation/``: substitutes, moving a task, snoozing a task.

The same services as the pages: 404 for a task outside the user's company,
403 for an action the user may not take, 422 with field messages, 409 for a
task no longer open.
"""

from datetime import date, datetime

from django.contrib.auth import get_user_model
from django.http import Http404
from ninja import Router, Schema, Status

from ..api.errors import WRITES, answers
from ..api.fields import PathId
from ..api.serializers import person_name
from ..queue.selectors import visible_tasks
from . import services
from .selectors import substitutions_of

router = Router(tags=["delegation"])


class SubstitutionIn(Schema):
    substitute_id: int
    start_date: date
    end_date: date
    absent_id: int | None = None
    reason: str = ""


class SubstitutionOut(Schema):
    id: int
    absent: str
    substitute: str
    start_date: date
    end_date: date


class ReassignIn(Schema):
    new_owner_id: int
    reason: str


class SnoozeIn(Schema):
    until: datetime
    reason: str


class TaskMovedOut(Schema):
    id: int
    owner: str | None
    snoozed_until: datetime | None = None


def _out(row) -> dict:
    return {
        "id": row.pk,
        "absent": person_name(row.absent),
        "substitute": person_name(row.substitute),
        "start_date": row.start_date,
        "end_date": row.end_date,
    }


def _person(pk: int | None):
    person = get_user_model().objects.filter(pk=pk, is_active=True).first()
    if person is None:
        raise Http404
    return person


def _task(user, task_id: int):
    task = visible_tasks(user).select_related("owner").filter(pk=task_id).first()
    if task is None:
        raise Http404
    return task


@router.get("/substitutes", response=answers({200: list[SubstitutionOut]}))
def list_substitutes(request):
    return [_out(row) for row in substitutions_of(request.user)]


@router.post("/substitutes", response=answers({201: SubstitutionOut}, codes=WRITES))
def set_substitute(request, payload: SubstitutionIn):
    absent = _person(payload.absent_id) if payload.absent_id else request.user
    row = services.substitution_set(
        actor=request.user,
        absent=absent,
        substitute=_person(payload.substitute_id),
        start_date=payload.start_date,
        end_date=payload.end_date,
        reason=payload.reason,
    )
    return Status(201, _out(row))


@router.post(
    "/tasks/{task_id}/reassign", response=answers({200: TaskMovedOut}, codes=WRITES)
)
def reassign_task(request, task_id: PathId, payload: ReassignIn):
    task = _task(request.user, task_id)
    task = services.task_reassign(
        task_pk=task.pk,
        actor=request.user,
        new_owner=_person(payload.new_owner_id),
        reason=payload.reason,
    )
    return {"id": task.pk, "owner": person_name(task.owner)}


@router.post(
    "/tasks/{task_id}/snooze", response=answers({200: TaskMovedOut}, codes=WRITES)
)
def snooze_task(request, task_id: PathId, payload: SnoozeIn):
    task = _task(request.user, task_id)
    snooze = services.task_snooze(
        task_pk=task.pk, user=request.user, until=payload.until, reason=payload.reason
    )
    return {
        "id": task.pk,
        "owner": person_name(task.owner),
        "snoozed_until": snooze.until,
    }


@router.delete(
    "/tasks/{task_id}/snooze", response=answers({200: TaskMovedOut}, codes=WRITES)
)
def wake_task(request, task_id: PathId):
    task = _task(request.user, task_id)
    services.task_wake(task_pk=task.pk, user=request.user)
    return {"id": task.pk, "owner": person_name(task.owner)}
