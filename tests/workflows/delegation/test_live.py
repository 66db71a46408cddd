"""A reassigned task moves live in both queues; another company hears nothing."""

import datetime

import pytest
from asgiref.sync import sync_to_async
from django.test import Client
from django.urls import reverse

from registry.calendar import local_today
from workflows.delegation.services import substitution_set
from workflows.live.groups import user_group

from ..sockets import assert_nothing_came, connected_socket

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]
EVENT_KEYS = {"type", "task", "process", "from", "to", "filed"}


async def reassign(actor, task, new_owner):
    client = Client()
    await sync_to_async(client.force_login)(actor)
    url = reverse("workflows:reassign", args=[task.process_id, task.pk])
    data = {"new_owner": new_owner.pk, "reason": "出差"}
    response = await sync_to_async(client.post)(url, data)
    assert response.status_code == 302


async def test_both_queues_move_and_no_other_company_hears(
    rules_after_flush,
    socket_for,
    claimed_task,
    manager_a,
    manager_a2,
    manager_b,
    carrier_admin,
):
    old = await connected_socket(socket_for, manager_a)
    new = await connected_socket(socket_for, manager_a2)
    other = await connected_socket(socket_for, manager_b)

    await reassign(carrier_admin, claimed_task, manager_a2)

    left = await old.receive_json_from(timeout=2)
    came = await new.receive_json_from(timeout=2)
    assert (left["from"], left["to"]) == ("mine", None)
    assert (came["from"], came["to"]) == (None, "mine")
    for event in (left, came):
        assert set(event) == EVENT_KEYS
        assert (event["task"], event["process"]) == (
            claimed_task.pk,
            claimed_task.process_id,
        )
    await assert_nothing_came(other, user_group(manager_b.pk))


async def test_a_substitutes_socket_counts_the_absent_persons_task_as_theirs(
    rules_after_flush,
    socket_for,
    claimed_task,
    manager_a,
    manager_a2,
    make_user,
    carrier_admin,
):
    today = local_today()
    await sync_to_async(substitution_set)(
        actor=manager_a,
        absent=manager_a,
        substitute=manager_a2,
        start_date=today,
        end_date=today + datetime.timedelta(days=2),
    )
    substitute = await connected_socket(socket_for, manager_a2)
    third = await sync_to_async(make_user)("contractor_manager", username="m3")

    await reassign(carrier_admin, claimed_task, third)

    event = await substitute.receive_json_from(timeout=2)
    assert (event["from"], event["to"]) == ("mine", None)
