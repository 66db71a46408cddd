"""Task changes reach the right sockets after commit; a resync shows the truth."""

import pytest
from asgiref.sync import sync_to_async
from channels.layers import get_channel_layer
from django.test import Client
from viewflow.workflow.models import Task

from workflows.live.groups import user_group

from .sockets import connected_socket

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
    assert await other_socket.receive_nothing(timeout=0.3)


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


async def test_burst_beyond_capacity_then_reconnect_leaves_no_stale_row(
    rules_after_flush,
    socket_for,
    submit,
    roster_a,
    reviewer,
):
    change = await sync_to_async(submit)(people_in=1)
    socket = await connected_socket(socket_for, reviewer)
    layer = get_channel_layer()
    for number in range(layer.capacity + 100):  # the socket's queue overflows
        await layer.group_send(
            user_group(reviewer.pk), {"type": "queue.changed", "task": number}
        )
    task = await sync_to_async(Task.objects.get)(
        process_id=change.pk, flow_task_type="HUMAN"
    )
    client = Client()
    await sync_to_async(client.force_login)(reviewer)
    await sync_to_async(client.post)(
        f"/requests/{change.pk}/tasks/{task.pk}/", {"decision": "approved"}
    )
    await socket.disconnect()

    again = await connected_socket(socket_for, reviewer)  # hello: resync
    fragment = await sync_to_async(client.get)(
        "/queue/", {"tab": "offered", "fragment": "1"}
    )
    assert change.reference not in fragment.content.decode()
    assert fragment["X-Queue-Count"] == "0"
    assert again is not None
