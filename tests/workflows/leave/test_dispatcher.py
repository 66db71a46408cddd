"""The embedded mode fires due timers inside the server; open pages hear of it."""

import asyncio
import logging

import pytest
from asgiref.sync import sync_to_async
from channels.testing import ApplicationCommunicator
from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from portal.asgi import application
from registry.models import StaffMember
from workflows import dispatcher
from workflows.leave.services import decision_record
from workflows.live.groups import user_group

from ..sockets import assert_nothing_came, connected_socket

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]


@pytest.fixture
def in_process(settings):
    settings.WORKFLOW_TIMERS_IN_PROCESS = True
    settings.WORKFLOW_TIMERS_INTERVAL = 0.05
    yield
    assert application.task is None, "the test must stop the dispatcher"


@pytest.fixture
def sweeps(monkeypatch):
    """``await sweeps.passed(n)``: wait until the in-process sweep ran ``n`` times."""

    class Sweeps:
        count = 0

        async def passed(self, n: int) -> None:
            async with asyncio.timeout(10):
                while self.count < n:
                    await asyncio.sleep(0.01)

    counter = Sweeps()
    fire_due = dispatcher.fire_due

    def counted() -> int:
        fired = fire_due()
        counter.count += 1
        return fired

    monkeypatch.setattr(dispatcher, "fire_due", counted)
    return counter


@pytest.fixture
def approved_leave(rules_after_flush, file_leave, manager_a):
    """A leave approved by the company, waiting on its first-day timer."""

    def make():
        from workflows.services import task_act

        leave = file_leave(days=2, in_days=3)
        task = Task.objects.get(process_id=leave.pk, flow_task_type="HUMAN")
        task_act(
            task_pk=task.pk,
            user=manager_a,
            act=lambda activation: decision_record(
                leave=activation.process,
                task=activation.task,
                user=manager_a,
                decision="approved",
                comment="",
            ),
        )
        return leave

    return make


def make_due(leave):
    """The first day has come: the timer is due."""
    timers = Task.objects.filter(process_id=leave.pk, status=STATUS.SCHEDULED)
    assert timers.update(scheduled=timezone.now()) == 1


async def status_of(person):
    await person.arefresh_from_db()
    return person.status


async def test_a_due_timer_fires_in_the_server_and_reaches_the_open_page(
    in_process, sweeps, approved_leave, person_a, engineer_a, socket_for
):
    leave = await sync_to_async(approved_leave)()
    socket = await connected_socket(socket_for, engineer_a)  # starts the sweep
    try:
        assert application.task is not None
        await sweeps.passed(2)  # the timer is not due yet: nothing fires
        await assert_nothing_came(socket, user_group(engineer_a.pk))
        assert await status_of(person_a) == StaffMember.Status.ON_DUTY

        await sync_to_async(make_due)(leave)
        event = await socket.receive_json_from(timeout=5)
        assert event == {
            "type": "queue.changed",
            "task": event["task"],
            "process": leave.pk,
            "from": None,  # a timer is on no tab; the page refreshes its row
            "to": None,
            "filed": True,
        }
        assert await status_of(person_a) == StaffMember.Status.ON_LEAVE
    finally:
        await application.stop()


async def test_without_the_setting_no_sweep_runs(
    approved_leave, person_a, engineer_a, socket_for
):
    await sync_to_async(make_due)(await sync_to_async(approved_leave)())
    socket = await connected_socket(socket_for, engineer_a)
    assert application.task is None
    await assert_nothing_came(socket, user_group(engineer_a.pk))
    assert await status_of(person_a) == StaffMember.Status.ON_DUTY


async def test_uvicorn_lifespan_starts_and_stops_the_sweep(in_process):
    lifespan = ApplicationCommunicator(application, {"type": "lifespan"})
    await lifespan.send_input({"type": "lifespan.startup"})
    assert await lifespan.receive_output() == {"type": "lifespan.startup.complete"}
    sweep = application.task
    assert sweep is not None and not sweep.done()

    await lifespan.send_input({"type": "lifespan.shutdown"})
    assert await lifespan.receive_output() == {"type": "lifespan.shutdown.complete"}
    assert sweep.cancelled() and application.task is None


async def test_a_failing_sweep_is_logged_and_the_next_one_runs(monkeypatch, caplog):
    calls = []

    def flaky():
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("database away")
        return 0

    monkeypatch.setattr(dispatcher, "fire_due", flaky)
    sweep = asyncio.create_task(dispatcher.sweep_forever(0.01))
    with caplog.at_level(logging.ERROR, logger="workflows.dispatcher"):
        for _ in range(200):
            if len(calls) >= 3:
                break
            await asyncio.sleep(0.01)
    sweep.cancel()
    assert len(calls) >= 3
    assert "timer sweep failed" in caplog.text
