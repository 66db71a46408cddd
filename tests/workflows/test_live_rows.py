"""Events a page applies row by row: the tabs a row left and entered, a single
row fetched, a skipped sequence number that calls for a resync, and nothing of
another company in any of it."""

import pytest
from asgiref.sync import sync_to_async
from bs4 import BeautifulSoup
from django.test import Client
from viewflow.workflow.models import Task

from workflows.live.groups import user_group
from workflows.live.sequence import next_seqs

from .sockets import assert_nothing_came, connected_socket

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]


def review_task(change) -> Task:
    return Task.objects.get(process_id=change.pk, flow_task_type="HUMAN")


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def row_of(client, tab: str, pk: int) -> tuple[str, list[str]]:
    """A live page's fetch of one row: the badge count and the rows answered."""
    answer = client.get(
        "/queue/",
        {"tab": tab, "fragment": "1", "row": pk},
        headers={"X-Requested-With": "live"},
    )
    assert answer.status_code == 200
    rows = BeautifulSoup(answer.content, "html.parser").select("tr[data-row]")
    return answer["X-Queue-Count"], [row["data-row"] for row in rows]


def queue_rows(client, tab: str) -> set[str]:
    answer = client.get("/queue/", {"tab": tab, "fragment": "1"})
    rows = BeautifulSoup(answer.content, "html.parser").select("tr[data-row]")
    return {row["data-row"] for row in rows}


async def next_event(socket) -> dict:
    event = await socket.receive_json_from(timeout=5)
    assert event["type"] == "queue.changed"
    return event


async def test_claim_and_approval_tell_each_page_the_tabs_its_row_moved_between(
    rules_after_flush, socket_for, submit, roster_a, reviewer, make_user, manager_a
):
    change = await sync_to_async(submit)(people_in=1)
    task = await sync_to_async(review_task)(change)
    colleague = await sync_to_async(make_user)("maintenance_manager")
    mine = await connected_socket(socket_for, reviewer)
    theirs = await connected_socket(socket_for, colleague)
    filed = await connected_socket(socket_for, manager_a)
    client = await sync_to_async(logged_in)(reviewer)

    await sync_to_async(client.post)(f"/requests/{change.pk}/tasks/{task.pk}/claim/")
    claimed = {"task": task.pk, "process": change.pk, "filed": False}
    assert await next_event(mine) == claimed | {
        "type": "queue.changed",
        "from": "offered",
        "to": "mine",
    }
    assert await next_event(theirs) == claimed | {
        "type": "queue.changed",
        "from": "offered",
        "to": None,
    }
    assert (await next_event(filed))["filed"] is True

    await sync_to_async(client.post)(
        f"/requests/{change.pk}/tasks/{task.pk}/", {"decision": "approved"}
    )
    decided = await next_event(mine)
    assert (decided["from"], decided["to"]) == ("mine", "archive")
    assert "resync" not in decided  # numbers in order: nothing missed
    event = await next_event(filed)
    assert event["process"] == change.pk and event["filed"] is True
    assert "resync" not in event


async def test_a_page_fetches_only_the_row_and_it_is_the_truth(
    rules_after_flush, submit, roster_a, reviewer, make_user
):
    change = await sync_to_async(submit)(people_in=1)
    task = await sync_to_async(review_task)(change)
    colleague = await sync_to_async(make_user)("maintenance_manager")
    client, other = await sync_to_async(logged_in)(reviewer), None
    other = await sync_to_async(logged_in)(colleague)
    key = f"task-{task.pk}"
    assert await sync_to_async(row_of)(other, "offered", task.pk) == ("1", [key])

    await sync_to_async(client.post)(f"/requests/{change.pk}/tasks/{task.pk}/claim/")

    assert await sync_to_async(row_of)(client, "mine", task.pk) == ("1", [key])
    assert await sync_to_async(row_of)(client, "offered", task.pk) == ("1", [])
    assert await sync_to_async(row_of)(other, "offered", task.pk) == ("0", [])
    # The row is the full page's row, same markup.
    assert key in await sync_to_async(queue_rows)(client, "mine")
    request_key = f"request-{change.pk}"
    assert await sync_to_async(row_of)(other, "filed", change.pk) == ("0", [])
    assert request_key not in await sync_to_async(queue_rows)(other, "filed")


async def test_a_skipped_number_tells_the_page_to_resync_to_the_truth(
    rules_after_flush, socket_for, submit, roster_a, reviewer
):
    change = await sync_to_async(submit)(people_in=1)
    task = await sync_to_async(review_task)(change)
    socket = await connected_socket(socket_for, reviewer)
    client = await sync_to_async(logged_in)(reviewer)
    # An event of the reviewer's own group that never reached the socket (a
    # full channel drops it, a layer restart loses it): its number is taken.
    await sync_to_async(next_seqs)([user_group(reviewer.pk)])

    await sync_to_async(client.post)(f"/requests/{change.pk}/tasks/{task.pk}/claim/")

    event = await next_event(socket)
    assert event["resync"] is True
    # What the resync reads is the truth.
    assert await sync_to_async(queue_rows)(client, "mine") == {f"task-{task.pk}"}
    assert await sync_to_async(queue_rows)(client, "offered") == set()
    # Caught up: the next event is in order again.
    await sync_to_async(client.post)(f"/requests/{change.pk}/tasks/{task.pk}/release/")
    released = await next_event(socket)
    assert "resync" not in released
    assert (released["from"], released["to"]) == ("mine", "offered")


async def test_events_carry_nothing_of_another_company(
    rules_after_flush,
    socket_for,
    submit,
    roster_a,
    reviewer,
    manager_a,
    manager_b,
    make_user,
    company_b,
):
    engineer_b = await sync_to_async(make_user)("contractor_engineer", company_b)
    own = await connected_socket(socket_for, manager_a)
    other = await connected_socket(socket_for, manager_b)
    engineer = await connected_socket(socket_for, engineer_b)
    change = await sync_to_async(submit)(people_in=1)
    task = await sync_to_async(review_task)(change)

    event = await next_event(own)
    assert event == {
        "type": "queue.changed",
        "task": task.pk,
        "process": change.pk,
        "from": None,
        "to": None,
        "filed": True,
    }
    await assert_nothing_came(other, user_group(manager_b.pk))
    await assert_nothing_came(engineer, user_group(engineer_b.pk))
    client_b = await sync_to_async(logged_in)(manager_b)
    for tab in ("mine", "offered", "archive"):
        assert await sync_to_async(row_of)(client_b, tab, task.pk) == ("0", [])
    assert await sync_to_async(row_of)(client_b, "filed", change.pk) == ("0", [])
