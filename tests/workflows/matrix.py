"""Role × node × action: every action on a human task, checked on the server.

A case sets the task up for its action, performs the action as the actor
through the portal's real views, and asserts the task's state afterwards: an
allowed action changed it as it should, a refused one left it as it was (so a
page that answers 200 or 302 without doing anything fails the case).

- ``open``: GET the task page.
- ``claim``: POST claim on the task, unclaimed (or as assigned, for a node
  assigned to one person).
- ``decide``: POST the node's form with valid data.
- ``release``: POST release on the task claimed by the actor when they may
  take it, else by the step's holder.
- ``reassign``: claim, then decide, a task the holder has claimed.
"""

from django.urls import reverse
from viewflow.workflow.status import STATUS

from workflows.models import Transition
from workflows.services import task_claim

ACTIONS = ("open", "claim", "decide", "release", "reassign")
REFUSED = (403, 404, 409)


def _url(name, task):
    return reverse(f"workflows:{name}", args=[task.process_id, task.pk])


def case_run(*, client, actor, holder, task, action, may_act, decide_data):
    """Run one case; ``may_act``: the actor may take this node's task."""
    if not task.owner_id:
        if action == "release":
            task_claim(task_pk=task.pk, user=actor if may_act else holder)
        elif action == "reassign":
            task_claim(task_pk=task.pk, user=holder)
    task.refresh_from_db()
    before = (task.owner_id, task.status)
    if action == "open":
        responses = [client.get(_url("task", task))]
    elif action == "claim":
        responses = [client.post(_url("claim", task))]
    elif action == "release":
        responses = [client.post(_url("release", task))]
    elif action == "decide":
        responses = [client.post(_url("task", task), decide_data)]
    else:
        responses = [
            client.post(_url("claim", task)),
            client.post(_url("task", task), decide_data),
        ]
    task.refresh_from_db()
    allowed = may_act and _allowed(action, task, before)
    if not allowed:
        codes = [r.status_code for r in responses]
        assert all(code in REFUSED for code in codes), codes
        assert (task.owner_id, task.status) == before
        return
    _assert_done(action, task, actor, before, responses[0])


def _allowed(action, task, before) -> bool:
    """Of the actions a step's holder may take, which apply to this task."""
    offered_to_group = bool(task.owner_permission)
    if action == "reassign":
        return False
    if action in ("claim", "release"):
        return offered_to_group
    return True


def _assert_done(action, task, actor, before, response):
    if action == "open":
        assert response.status_code == 200
        assert (task.owner_id, task.status) == before
    elif action == "claim":
        assert (task.owner_id, task.status) == (actor.pk, STATUS.ASSIGNED)
    elif action == "release":
        assert (task.owner_id, task.status) == (None, STATUS.NEW)
    else:
        assert response.status_code == 302, response.status_code
        assert (task.owner_id, task.status) == (actor.pk, STATUS.DONE)
        done = Transition.objects.filter(task_id=task.pk, actor=actor)
        assert done.exclude(action__in=("claimed", "released")).exists()
