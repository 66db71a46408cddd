"""Task changes reach the right sockets after commit; a resync shows the truth."""

import pytest
from asgiref.sync import sync_to_async
from bs4 import BeautifulSoup
from channels.exceptions import ChannelFull
from channels.layers import get_channel_layer
from django.conf import settings
from django.test import Client
from viewflow.workflow.models import Task

from workflows.live.groups import user_group

from .sockets import assert_nothing_came, connected_socket

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]


async def test_new_task_reaches_reviewers_and_requester_not_the_other_company(
    rules_after_flush,
    socket_for,
    submit,
    roster_a,
    reviewer,
    manager_a,
    manager_b,
):
    reviewer_socket = await connected_socket(socket_for, reviewer)
    requester_socket = await connected_socket(socket_for, manager_a)
    other_socket = await connected_socket(socket_for, manager_b)

    change = await sync_to_async(submit)(people_in=1)

    event = await reviewer_socket.receive_json_from(timeout=2)
    assert event["type"] == "queue.changed" and event["process"] == change.pk
    assert (await requester_socket.receive_json_from(timeout=2))["process"] == change.pk
    await assert_nothing_came(other_socket, user_group(manager_b.pk))


async def test_claim_is_announced_to_the_other_reviewers(
    rules_after_flush,
    socket_for,
    submit,
    roster_a,
    reviewer,
    make_user,
):
    change = await sync_to_async(submit)(people_in=1)
    other = await sync_to_async(make_user)("maintenance_manager")
    other_socket = await connected_socket(socket_for, other)
    task = await sync_to_async(Task.objects.get)(
        process_id=change.pk, flow_task_type="HUMAN"
    )

    client = Client()
    await sync_to_async(client.force_login)(reviewer)
    await sync_to_async(client.post)(f"/requests/{change.pk}/tasks/{task.pk}/claim/")

    assert (await other_socket.receive_json_from(timeout=2))["task"] == task.pk


def queue_rows(client, tab: str) -> tuple[str, set[int]]:
    """What a page's resync reads: the badge count and the task rows of ``tab``."""
    fragment = client.get("/queue/", {"tab": tab, "fragment": "1"})
    assert fragment.status_code == 200
    rows = BeautifulSoup(fragment.content, "html.parser").select("tr[data-task]")
    return fragment["X-Queue-Count"], {int(row["data-task"]) for row in rows}


async def overflow(layer, group: str, extra: int) -> int:
    """Fill every socket queue of ``group`` and ``extra`` more; the dropped count.

    The in-memory layer's ``send`` never suspends, so no consumer drains its
    queue in between (``group_send`` does suspend, and a consumer keeps up).
    """
    dropped = 0
    for channel in list(layer.groups[group]):
        for number in range(layer.capacity + extra):
            try:
                await layer.send(channel, {"type": "queue.changed", "burst": number})
            except ChannelFull:
                dropped += 1
    return dropped


@pytest.mark.skipif(
    bool(settings.REDIS_URL),
    reason="overflows a socket queue through the in-memory layer's own queues; "
    "channels-redis sends suspend, so a consumer drains in between",
)
async def test_burst_beyond_capacity_then_reconnect_leaves_no_stale_row(
    rules_after_flush,
    socket_for,
    submit,
    roster_a,
    reviewer,
):
    change = await sync_to_async(submit)(people_in=1)
    task = await sync_to_async(Task.objects.get)(
        process_id=change.pk, flow_task_type="HUMAN"
    )
    client = Client()
    await sync_to_async(client.force_login)(reviewer)
    assert await sync_to_async(queue_rows)(client, "offered") == ("1", {task.pk})
    socket = await connected_socket(socket_for, reviewer)
    mine = user_group(reviewer.pk)

    assert await overflow(get_channel_layer(), mine, extra=100) == 100
    decided = await sync_to_async(client.post)(
        f"/requests/{change.pk}/tasks/{task.pk}/", {"decision": "approved"}
    )
    assert decided.status_code == 302
    await socket.disconnect()

    again = await connected_socket(socket_for, reviewer)  # hello: resync
    await assert_nothing_came(again, mine)  # nothing stale queued for the new one
    assert await sync_to_async(queue_rows)(client, "offered") == ("0", set())
    assert await sync_to_async(queue_rows)(client, "archive") == ("0", {task.pk})
