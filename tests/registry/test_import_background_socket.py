"""A background import's progress and end reach its user's socket, no other."""

import pytest
from asgiref.sync import sync_to_async

from registry.imports import services
from registry.imports.runs import ImportRun
from tests.registry.spreadsheets import xlsx_bytes
from tests.registry.test_import_background import ROWS, work_one
from tests.workflows.conftest import rules_after_flush, socket_for  # noqa: F401
from tests.workflows.sockets import assert_nothing_came, connected_socket
from workflows.live.groups import user_group

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]


async def test_the_worker_s_progress_reaches_the_importing_user_s_socket(
    rules_after_flush,  # noqa: F811
    socket_for,  # noqa: F811
    settings,
    manager_a,
    manager_b,
    registry_data,
):
    settings.IMPORT_BACKGROUND_ROWS = 1
    settings.IMPORT_PROGRESS_ROWS = 1
    mine = await connected_socket(socket_for, manager_a)
    other = await connected_socket(socket_for, manager_b)

    run, report = await sync_to_async(services.import_preview)(
        kind="staff", user=manager_a, name="staff.xlsx", content=xlsx_bytes(ROWS)
    )
    assert report is None
    queued = await mine.receive_json_from(timeout=2)
    expected = {"run": run.pk, "status": "queued", "done": 0, "total": 2}
    assert queued["import"] == expected

    await sync_to_async(work_one)()
    heard = []
    while not heard or heard[-1]["status"] == "running":
        heard.append((await mine.receive_json_from(timeout=2))["import"])
    assert [(e["status"], e["done"]) for e in heard] == [
        ("running", 0),
        ("running", 1),
        ("running", 2),
        ("previewed", 2),
    ]
    assert (await sync_to_async(ImportRun.objects.get)(pk=run.pk)).status == (
        "previewed"
    )
    await assert_nothing_came(other, user_group(manager_b.pk))
