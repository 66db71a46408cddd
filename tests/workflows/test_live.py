"""The live socket: who may connect, and events that arrive only after commit."""

import pytest
from asgiref.sync import sync_to_async
from django.db import transaction

from workflows.live.events import publish_on_commit
from workflows.live.groups import company_group, user_group

from .sockets import HELLO, assert_nothing_came, connected_socket, nothing_came_sync

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]


@sync_to_async(thread_sensitive=False)
def publish_after_commit(groups, payload, probe, probe_group):
    """Publish inside a transaction; report whether ``probe`` (in ``probe_group``)
    got nothing before commit.

    Runs off the shared sync thread, which consumers need to handle events while
    this transaction is still open.
    """
    with transaction.atomic():
        publish_on_commit(groups, payload)
        return nothing_came_sync(probe, probe_group)


def publish_and_commit(publishes, payload):
    with transaction.atomic():
        for groups in publishes:
            publish_on_commit(groups, payload)


def publish_and_roll_back(groups, payload):
    with transaction.atomic():
        publish_on_commit(groups, payload)
        transaction.set_rollback(True)


async def test_logged_in_user_connects_and_is_told_to_resync(socket_for, manager_a):
    socket = await socket_for(manager_a)

    connected, _ = await socket.connect()

    assert connected
    assert await socket.receive_json_from() == HELLO


async def test_ping_gets_pong(socket_for, manager_a):
    socket = await connected_socket(socket_for, manager_a)

    await socket.send_json_to({"type": "ping"})

    assert await socket.receive_json_from() == {"type": "pong"}


async def test_anonymous_is_refused(socket_for):
    connected, code = await (await socket_for(None)).connect()

    assert not connected
    assert code == 4401


@pytest.mark.parametrize(
    "origin", [(b"origin", b"http://evil.example.com"), None], ids=["foreign", "none"]
)
async def test_socket_from_foreign_or_missing_origin_is_refused(
    socket_for, manager_a, origin
):
    connected, _ = await (await socket_for(manager_a, origin=origin)).connect()

    assert not connected


async def test_event_reaches_the_user_only_after_commit(socket_for, manager_a):
    socket = await connected_socket(socket_for, manager_a)

    mine = user_group(manager_a.pk)
    nothing_before_commit = await publish_after_commit(
        [mine], {"task": 7}, socket, mine
    )

    assert nothing_before_commit
    assert await socket.receive_json_from() == {"type": "queue.changed", "task": 7}


async def test_event_of_a_rolled_back_transaction_is_never_sent(socket_for, manager_a):
    socket = await connected_socket(socket_for, manager_a)

    mine = user_group(manager_a.pk)
    await sync_to_async(publish_and_roll_back)([mine], {"task": 7})

    await assert_nothing_came(socket, mine)


def publish_a_busy_transaction(mine, other):
    """Three saves of task 7, one of task 8, and a savepoint rolled back."""
    with transaction.atomic():
        for _ in range(3):
            publish_on_commit([mine, other], {"task": 7})
        with transaction.atomic():
            publish_on_commit([mine], {"task": 9})
            transaction.set_rollback(True)
        publish_on_commit([mine], {"task": 8})
        publish_on_commit([mine], {"task": 7})


async def test_a_commit_tells_each_group_of_each_change_once(socket_for, manager_a):
    socket = await connected_socket(socket_for, manager_a)
    mine = user_group(manager_a.pk)

    await sync_to_async(publish_a_busy_transaction)(mine, company_group(0))
    received = [(await socket.receive_json_from())["task"] for _ in range(2)]

    assert received == [7, 8]
    await assert_nothing_came(socket, mine)

    await sync_to_async(publish_a_busy_transaction)(mine, company_group(0))
    assert [(await socket.receive_json_from())["task"] for _ in range(2)] == [7, 8]


@pytest.mark.parametrize("saves", [1, 2], ids=["one-save", "two-saves"])
async def test_a_socket_in_two_of_the_groups_hears_the_event_once(
    socket_for, manager_a, company_a, saves
):
    """The requester is also in its company's group: one event, one message
    (also when a second save of the task adds the company's group)."""
    socket = await connected_socket(socket_for, manager_a)
    mine, company = user_group(manager_a.pk), company_group(company_a.pk)
    publishes = [[company, mine]] if saves == 1 else [[mine], [company, mine]]

    await sync_to_async(publish_and_commit)(publishes, {"task": 5})

    assert await socket.receive_json_from() == {"type": "queue.changed", "task": 5}
    await assert_nothing_came(socket, mine)


async def test_company_event_does_not_reach_another_company(
    socket_for, manager_a, manager_b, company_a
):
    socket_a = await connected_socket(socket_for, manager_a)
    socket_b = await connected_socket(socket_for, manager_b)

    await publish_after_commit(
        [company_group(company_a.pk)],
        {"queue": "staff"},
        socket_a,
        user_group(manager_a.pk),
    )

    assert await socket_a.receive_json_from() == {
        "type": "queue.changed",
        "queue": "staff",
    }
    await assert_nothing_came(socket_b, user_group(manager_b.pk))


async def test_user_event_does_not_reach_another_user_of_the_company(
    socket_for, manager_a, engineer_a
):
    socket_manager = await connected_socket(socket_for, manager_a)
    socket_engineer = await connected_socket(socket_for, engineer_a)

    mine = user_group(manager_a.pk)
    await publish_after_commit([mine], {"task": 1}, socket_manager, mine)

    assert (await socket_manager.receive_json_from())["task"] == 1
    await assert_nothing_came(socket_engineer, user_group(engineer_a.pk))


async def test_an_old_socket_closes_itself_so_its_page_reconnects(
    socket_for, manager_a, settings
):
    settings.LIVE_SOCKET_MAX_AGE = 0.2
    socket = await connected_socket(socket_for, manager_a)

    closed = await socket.receive_output(timeout=3)

    assert closed == {"type": "websocket.close", "code": 4000}
