"""Two real Daphne processes sharing Redis: an approval on one reaches sockets
on the other, and only those of the request's company."""

import json
import os

import pytest
from viewflow.workflow.models import Task

from ..servers import daphne_servers, post_form, session_for
from .sockets import server_socket

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
        assert event == {"type": "queue.changed", "task": task.pk, "process": change.pk}
        with pytest.raises(TimeoutError):
            other_company.recv(timeout=0.5)
    task.refresh_from_db()
    assert task.status == "DONE"
