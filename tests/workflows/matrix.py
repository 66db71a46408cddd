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
- ``snooze``: POST snooze on the task claimed by the actor when they may take
  it, else by the step's holder (only its owner may snooze it).
- ``stand_in``: the holder has claimed the task and the actor stands in for
  them today (the row is written as it stands, unvalidated): POST the form.
  The server re-checks the step at decision time, so only a holder may.
"""

import datetime

from django.urls import reverse
from django.utils import timezone
from viewflow.workflow.status import STATUS

from registry.calendar import local_today
from workflows.delegation.models import Substitution, TaskSnooze
from workflows.models import Transition
from workflows.services import task_claim

ACTIONS = ("open", "claim", "decide", "release", "reassign", "snooze", "stand_in")
REFUSED = (403, 404, 409)


def _url(name, task):
    return reverse(f"workflows:{name}", args=[task.process_id, task.pk])


def case_run(*, client, actor, holder, task, action, may_act, decide_data):
    """Run one case; ``may_act``: the actor may take this node's task."""
    if not task.owner_id:
        if action in ("release", "snooze"):
            task_claim(task_pk=task.pk, user=actor if may_act else holder)
        elif action in ("reassign", "stand_in"):
            task_claim(task_pk=task.pk, user=holder)
    task.refresh_from_db()
    before = (task.owner_id, task.status)
    if action == "stand_in" and task.owner_id != actor.pk:
        today = local_today()
        Substitution.objects.create(
            absent_id=task.owner_id,
            substitute=actor,
            start_date=today,
            end_date=today,
            set_by=actor,
        )
    if action == "open":
        responses = [client.get(_url("task", task))]
    elif action == "claim":
        responses = [client.post(_url("claim", task))]
    elif action == "release":
        responses = [client.post(_url("release", task))]
    elif action in ("decide", "stand_in"):
        responses = [client.post(_url("task", task), decide_data)]
    elif action == "snooze":
        until = timezone.localtime() + datetime.timedelta(hours=1)
        data = {"until": until.strftime("%Y-%m-%dT%H:%M"), "reason": "wait"}
        responses = [client.post(_url("snooze", task), data)]
    else:
        responses = [
            client.post(_url("claim", task)),
            client.post(_url("task", task), decide_data),
        ]
    task.refresh_from_db()
    allowed = may_act and _allowed(action, task, before)
    if action in ("snooze", "stand_in") and before[0] == actor.pk:
        allowed = may_act  # the actor's own task: snoozed or decided as theirs
    elif action == "snooze":
        allowed = False  # another person's task
    if not allowed:
        codes = [r.status_code for r in responses]
        assert all(code in REFUSED for code in codes), codes
        assert (task.owner_id, task.status) == before
        assert not TaskSnooze.objects.filter(task_id=task.pk).exists()
        return
    _assert_done(action, task, actor, before, responses[0])


def _allowed(action, task, before) -> bool:
    """Of the actions a step's holder may take, which apply to this task."""
    offered_to_group = bool(task.owner_permission)
    if action == "reassign":
        return False
    if action in ("claim", "release", "stand_in"):
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
    elif action == "snooze":
        assert response.status_code == 302, response.status_code
        assert (task.owner_id, task.status) == before
        assert TaskSnooze.objects.filter(task_id=task.pk, user=actor).exists()
    else:
        assert response.status_code == 302, response.status_code
        assert (task.owner_id, task.status) == (actor.pk, STATUS.DONE)
        done = Transition.objects.filter(task_id=task.pk, actor=actor)
        assert done.exclude(action__in=("claimed", "released")).exists()
