"""Who hears about a task change: its owner, the step's group, the company.

A company-scoped step is announced to its company only, never to the role's
group, so one contractor never hears of another's work. Every save of a flow
task (created, claimed, released, done, cancelled; by a page, the API, the
timer dispatcher or a command) announces itself once the transaction commits.

The event says what moved, so a page can apply it without fetching its whole
queue: the task's state (``open``/``done``/``closed`` and its owner) when the
transaction began and when it committed, its step and its requester. Each
socket works out from these which of its user's tabs the row left and
entered (``consumers.py``). One event per task and commit, however many times
the transaction saved the task; every id in it belongs to the task's own
request, which only its company and the carrier hear of.
"""

from viewflow.workflow.status import STATUS

from home.rules import current_rules

from ..models import Request
from ..steps import step_for
from .events import pending_publish, publish_on_commit
from .groups import auth_group, company_group, user_group

MOVES = "moves"
OPEN = (STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED)


def task_state(task) -> list | None:
    """``[bucket, owner id]`` of a saved task, as the queue tabs see it."""
    if task.status in OPEN:
        bucket = "open"
    elif task.status == STATUS.DONE:
        bucket = "done"
    else:
        bucket = "closed"
    return [bucket, task.owner_id]


def task_loaded(sender, instance, **kwargs) -> None:
    """``post_init``: remember the state a task was read in (no query).

    A task read with ``status`` or ``owner`` deferred is left alone: reading
    them would load the row again, and with it this signal, without end."""
    loaded = instance.__dict__
    if instance.pk is not None and "status" in loaded and "owner_id" in loaded:
        instance._live_was = task_state(instance)


def _request_of(task):
    """The task's request: the one its activation carries, else one query."""
    carried = task._state.fields_cache.get("process")
    if isinstance(carried, Request):
        return carried
    return (
        Request.objects.filter(pk=task.process_id)
        .only("company_id", "requester_id")
        .first()
    )


def groups_for_task(task, request=None) -> list[str]:
    request = request or _request_of(task)
    if request is None:  # a process of a flow outside the portal's requests
        return []
    groups = [company_group(request.company_id), user_group(request.requester_id)]
    if task.owner_id:
        groups.append(user_group(task.owner_id))
    step = step_for(task.owner_permission or "")
    if step is not None and not step.company_scoped:
        groups.append(auth_group(step.group_id(current_rules())))
    return groups


def _same_task(pk):
    return lambda payload: MOVES in payload and payload.get("task") == pk


def task_saved(sender, instance, created=False, **kwargs) -> None:
    """``post_save`` of viewflow's Task: tell the concerned sockets on commit.

    Human tasks on every change; a timer when it fires, since its request
    moves on (a leave begins, a roster change takes effect) with no one acting.
    A later save in the same transaction updates the pending event (its end
    state, its owner's group) instead of queueing another.
    """
    if instance.flow_task_type == "TIMER":
        if instance.status != STATUS.DONE:
            return
    elif instance.flow_task_type != "HUMAN":
        return
    was = None if created else getattr(instance, "_live_was", None)
    now = task_state(instance)
    instance._live_was = now
    pending = pending_publish(_same_task(instance.pk))
    if pending is not None:
        pending.payload[MOVES]["to"] = now
        if instance.owner_id:
            owner = user_group(instance.owner_id)
            if owner not in pending.groups:
                pending.groups.append(owner)
        return
    request = _request_of(instance)
    if request is None:
        return
    groups = groups_for_task(instance, request)
    if was is not None and was[1] and was[1] != instance.owner_id:
        groups.append(user_group(was[1]))  # the owner it had hears it went
    payload = {
        "task": instance.pk,
        "process": instance.process_id,
        MOVES: {
            "from": was,
            "to": now,
            "step": instance.owner_permission or "",
            "requester": request.requester_id,
            "human": instance.flow_task_type == "HUMAN",
        },
    }
    publish_on_commit(groups, payload)
