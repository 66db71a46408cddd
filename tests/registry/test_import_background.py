"""Long imports through the real pages, run by the database backend's worker."""

import asyncio
import re

import pytest
import time_machine
from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.conf import settings
from django_tasks_db.models import DBTaskResult

from registry.imports.runs import ImportRun
from registry.models import StaffMember
from tests.registry.spreadsheets import STAFF_EN, xlsx_bytes
from tests.registry.test_import_views import PORTAL, upload
from tests.registry.test_imports import staff_row
from tests.workers import task_run
from workflows.live.groups import user_group

pytestmark = pytest.mark.django_db

ROWS = [["工号", "电话"], ["A-001", "13900000001"], ["A-002", "13900000002"]]


@pytest.fixture
def background(settings):
    settings.IMPORT_BACKGROUND_ROWS = 1
    settings.IMPORT_PROGRESS_ROWS = 1


def work_one() -> None:
    """What ``db_worker`` does for the next ready task of the imports backend."""
    result = DBTaskResult.objects.ready().filter(backend_name="imports").get()
    task_run(result, backend="imports")


class Listener:
    """A channel in the user's live group, as a socket's consumer joins it."""

    def __init__(self, user):
        self.layer = get_channel_layer()
        self.channel = async_to_sync(self.layer.new_channel)()
        async_to_sync(self.layer.group_add)(user_group(user.pk), self.channel)

    def events(self) -> list[dict]:
        async def drain():
            found = []
            while True:
                try:
                    event = await asyncio.wait_for(
                        self.layer.receive(self.channel), timeout=0.2
                    )
                except TimeoutError:
                    return found
                found.append(event["import"])

        return async_to_sync(drain)()


def test_a_large_file_is_previewed_and_imported_by_the_worker(
    background, client_for, manager_a, registry_data, django_capture_on_commit_callbacks
):
    client = client_for(manager_a)
    listener = Listener(manager_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, PORTAL, xlsx_bytes(ROWS))
    run = ImportRun.objects.get(created_by=manager_a)
    assert response.status_code == 302
    assert response["Location"] == f"{PORTAL}runs/{run.pk}/"
    assert run.status == ImportRun.Status.QUEUED and run.rows_total == 2
    page = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert "<progress" in page.content.decode() and 'http-equiv="refresh"' in (
        page.content.decode()
    )

    with django_capture_on_commit_callbacks(execute=True):
        work_one()
    run.refresh_from_db()
    assert run.status == ImportRun.Status.PREVIEWED
    page = client.get(f"{PORTAL}runs/{run.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    text = page.content.decode()
    assert "0 条新增，2 条更新" in text
    assert re.search(rf'name="run" value="{run.pk}"', text)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{PORTAL}runs/{run.pk}/", {"run": run.pk})
    assert response.status_code == 302
    run.refresh_from_db()
    assert run.status == ImportRun.Status.QUEUED and run.phase == "apply"
    assert StaffMember.objects.get(employee_no="A-001").phone != "13900000001"
    with django_capture_on_commit_callbacks(execute=True):
        work_one()
    run.refresh_from_db()
    assert run.status == ImportRun.Status.APPLIED and not run.content
    assert StaffMember.objects.get(employee_no="A-002").phone == "13900000002"
    page = client.get(f"{PORTAL}runs/{run.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert "已导入：0 条新增，2 条更新" in page.content.decode()

    events = listener.events()
    assert [event["status"] for event in events if event["run"] == run.pk][-1] == (
        "applied"
    )
    progress = [(e["done"], e["total"]) for e in events if e["status"] == "running"]
    assert (1, 2) in progress and (2, 2) in progress


def test_rows_invalid_at_import_write_nothing_and_say_why(
    background, client_for, manager_a, registry_data
):
    client = client_for(manager_a)
    upload(client, PORTAL, xlsx_bytes(ROWS), language="en")
    run = ImportRun.objects.get(created_by=manager_a)
    work_one()
    client.post(f"{PORTAL}runs/{run.pk}/", {"run": run.pk})
    # Before the worker imports it, A-002 leaves the roster: the row is new now.
    StaffMember.objects.filter(employee_no="A-002").delete()
    work_one()
    run.refresh_from_db()
    assert run.status == ImportRun.Status.FAILED
    assert StaffMember.objects.get(employee_no="A-001").phone != "13900000001"
    page = client.get(f"{PORTAL}runs/{run.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    text = page.content.decode()
    assert "未导入任何数据" in text and "A-002" in text


def test_another_user_cannot_open_the_run(
    background, client_for, manager_a, manager_b, registry_data
):
    upload(client_for(manager_a), PORTAL, xlsx_bytes(ROWS))
    run = ImportRun.objects.get(created_by=manager_a)
    assert client_for(manager_b).get(f"{PORTAL}runs/{run.pk}/").status_code == 404


def test_a_small_file_stays_in_the_request(client_for, manager_a, registry_data):
    response = upload(client_for(manager_a), PORTAL, xlsx_bytes(ROWS))
    assert response.status_code == 200 and "0 条新增，2 条更新" in (
        response.content.decode()
    )
    assert not DBTaskResult.objects.exists()
    assert not ImportRun.objects.get(created_by=manager_a).background


@pytest.mark.skipif(
    bool(settings.REDIS_URL),
    reason="the relay is the embedded mode's (IMPORT_PROGRESS_RELAY is off with "
    "Redis, which carries the worker's events itself)",
)
def test_the_embedded_relay_tells_each_change_once(
    background, client_for, manager_a, registry_data
):
    """The server's relay (the worker's events cannot reach its memory layer)."""
    from registry.imports import progress
    from registry.imports.relay import relay_once

    upload(client_for(manager_a), PORTAL, xlsx_bytes(ROWS))
    run = ImportRun.objects.get(created_by=manager_a)
    listener, told = Listener(manager_a), {}
    relay_once(told)
    relay_once(told)
    assert listener.events() == [
        {"run": run.pk, "status": "queued", "done": 0, "total": 2}
    ]
    ImportRun.objects.filter(pk=run.pk).update(status=ImportRun.Status.RUNNING)
    progress.caches[progress.ALIAS].set(f"import-progress:{run.pk}", 1)
    relay_once(told)
    assert listener.events() == [
        {"run": run.pk, "status": "running", "done": 1, "total": 2}
    ]


def test_the_admin_shows_the_run_with_its_progress(
    background, client_for, carrier_admin, registry_data
):
    client = client_for(carrier_admin)
    admin = "/admin/registry/import/staff/"
    rows = [STAFF_EN, staff_row("A-101"), staff_row("A-102")]
    response = upload(client, admin, xlsx_bytes(rows))
    run = ImportRun.objects.get(created_by=carrier_admin)
    assert response["Location"] == f"{admin}runs/{run.pk}/"
    page = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="zh-hans")
    text = page.content.decode()
    assert "<progress" in text and "等待后台处理" in text
    work_one()
    page = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="zh-hans")
    text = page.content.decode()
    assert "2 条新增" in text and f'name="run" value="{run.pk}"' in text


def test_the_relay_loop_runs_a_round_and_goes_on(monkeypatch):
    """One round of the server's loop, through sync_to_async, then its sleep."""
    import asyncio

    from registry.imports import relay

    rounds = []

    def counted(told):
        rounds.append(told)
        raise RuntimeError("a failed round is logged, the loop goes on")

    async def two_rounds():
        task = asyncio.ensure_future(relay.relay_forever(0.01))
        await asyncio.sleep(0.2)
        task.cancel()

    monkeypatch.setattr(relay, "relay_once", counted)
    monkeypatch.setattr(relay, "close_old_connections", lambda: None)
    async_to_sync(two_rounds)()
    assert len(rounds) >= 2


def confirmed_run(client, user) -> ImportRun:
    """A previewed background run its user has confirmed: queued to import."""
    upload(client, PORTAL, xlsx_bytes(ROWS))
    run = ImportRun.objects.get(created_by=user)
    work_one()
    client.post(f"{PORTAL}runs/{run.pk}/", {"run": run.pk})
    return run


class Killed(BaseException):
    """The worker's process ending where it stands (SIGKILL, a power cut)."""


def test_a_worker_stopped_mid_import_fails_its_run_and_writes_nothing(
    background, client_for, manager_a, registry_data, monkeypatch
):
    """``db_worker``'s second Ctrl-C exits inside the task (``SystemExit``)."""
    client = client_for(manager_a)
    run = confirmed_run(client, manager_a)

    def stopped(self):
        raise SystemExit(1)

    monkeypatch.setattr("registry.imports.progress.Counter.__call__", stopped)
    work_one()  # the worker records its task as failed
    run.refresh_from_db()
    assert run.status == ImportRun.Status.FAILED and not run.content
    page = client.get(f"{PORTAL}runs/{run.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert "导入未完成就中止了" in page.content.decode()
    assert StaffMember.objects.get(employee_no="A-001").phone != "13900000001"


def test_a_run_whose_worker_was_killed_fails_once_it_stays_silent(
    background, client_for, manager_a, registry_data, monkeypatch, settings
):
    """A worker killed mid-import leaves its run running; once it has been
    silent for ``IMPORT_STALE_SECONDS`` its page fails it. Nothing was written:
    the rows were in the transaction that died with the worker."""
    settings.IMPORT_STALE_SECONDS = 600
    client = client_for(manager_a)
    run = confirmed_run(client, manager_a)

    def killed(self):
        raise Killed

    monkeypatch.setattr("registry.imports.progress.Counter.__call__", killed)
    with time_machine.travel("2026-03-02 10:00 +0800", tick=False) as clock:
        work_one()
        run.refresh_from_db()
        assert run.status == ImportRun.Status.RUNNING
        clock.shift(599)
        page = client.get(f"{PORTAL}runs/{run.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans")
        assert "<progress" in page.content.decode()
        clock.shift(2)
        page = client.get(f"{PORTAL}runs/{run.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    run.refresh_from_db()
    assert run.status == ImportRun.Status.FAILED and not run.content
    text = page.content.decode()
    assert "导入未完成就中止了" in text and "<progress" not in text
    assert StaffMember.objects.get(employee_no="A-001").phone != "13900000001"
