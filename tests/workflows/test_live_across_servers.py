"""Two real Daphne processes sharing Redis: an approval on one reaches sockets
on the other, and only those of the request's company."""

import datetime
import json
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from registry.calendar import local_today
from workflows.live.groups import user_group
from workflows.services import task_act
from workflows.staff_change.services import decision_record

from ..servers import daphne_servers, post_form, servers_database_env, session_for
from .sockets import nothing_came_to_server_socket, server_socket

pytestmark = [
    pytest.mark.services,
    pytest.mark.skipif(
        not os.environ.get("REDIS_URL"),
        reason="REDIS_URL not set: servers in two processes share events only "
        "through channels-redis (make test-services)",
    ),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture(scope="module")
def servers(django_db_setup):
    with daphne_servers(2) as running:
        yield running


def test_approval_on_one_server_reaches_the_company_on_the_other(
    servers, rules_after_flush, roster_a, submit, reviewer, manager_a, manager_b
):
    first, second = servers
    change = submit(people_in=1)
    task = Task.objects.get(process_id=change.pk, flow_task_type="HUMAN")
    task_url = f"{second.url}/requests/{change.pk}/tasks/{task.pk}/"

    with (
        server_socket(first, manager_a) as requester,
        server_socket(first, manager_b) as other_company,
    ):
        answer = post_form(session_for(reviewer), task_url, {"decision": "approved"})
        assert answer.status_code == 302, answer.text

        event = json.loads(requester.recv(timeout=10))
        assert event == {
            "type": "queue.changed",
            "task": task.pk,
            "process": change.pk,
            # The requester's "filed" row changed; no task tab of theirs did.
            "from": None,
            "to": None,
            "filed": True,
        }
        assert nothing_came_to_server_socket(other_company, user_group(manager_b.pk))
    task.refresh_from_db()
    assert task.status == "DONE"


def workflow_timers() -> str:
    """``manage.py workflow_timers`` as cron runs it: its own process."""
    env = {
        **os.environ,
        **servers_database_env(),
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
    }
    done = subprocess.run(
        [sys.executable, "manage.py", "workflow_timers"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_a_timer_fired_by_the_cron_command_reaches_a_server_socket(
    servers, rules_after_flush, roster_a, submit, reviewer, manager_a
):
    change = submit(
        people_in=1, effective_date=local_today() + datetime.timedelta(days=5)
    )
    review = Task.objects.get(process_id=change.pk, flow_task_type="HUMAN")
    task_act(
        task_pk=review.pk,
        user=reviewer,
        act=lambda activation: decision_record(
            change=activation.process,
            task=activation.task,
            user=reviewer,
            decision="approved",
            comment="",
        ),
    )
    timer = Task.objects.get(process_id=change.pk, status=STATUS.SCHEDULED)

    with server_socket(servers[0], manager_a) as requester:
        Task.objects.filter(pk=timer.pk).update(scheduled=timezone.now())
        assert workflow_timers().startswith("1 timer(s) fired")

        event = json.loads(requester.recv(timeout=10))
        assert event == {
            "type": "queue.changed",
            "task": timer.pk,
            "process": change.pk,
            "from": None,
            "to": None,
            "filed": True,
        }
    change.refresh_from_db()
    assert change.outcome == "approved" and change.applied_on is not None
