"""Chase (催办): the monitoring centre chases the holder, who sees it live;
another company hears nothing; only the monitoring centre chases."""

import pytest
from asgiref.sync import sync_to_async
from django.test import Client
from django.urls import reverse

from workflows.faults.actions import NOT_CHASER
from workflows.live.groups import user_group

from ..sockets import assert_nothing_came, connected_socket


async def post_as(user, url, data):
    client = Client()
    await sync_to_async(client.force_login)(user)
    return await sync_to_async(client.post)(url, data)


@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
async def test_the_holder_sees_the_chase_live_and_no_other_company_does(
    rules_after_flush, socket_for, dispatch, noc, engineer_a, engineer_b
):
    ticket = await sync_to_async(dispatch)(level=2)
    accept = reverse("workflows:request", args=[ticket.pk])
    client = Client()
    await sync_to_async(client.force_login)(engineer_a)
    page = await sync_to_async(client.get)(accept)
    task = page.context["open_tasks"][0][0]
    url = reverse("workflows:task", args=[ticket.pk, task.pk])
    assert (await sync_to_async(client.post)(url)).status_code == 302
    holder = await connected_socket(socket_for, engineer_a)
    other = await connected_socket(socket_for, engineer_b)

    chase = reverse("workflows:fault_chase", args=[ticket.pk])
    answer = await post_as(noc, chase, {"text": "请在30分钟内回复进展"})
    assert answer.status_code == 302

    event = await holder.receive_json_from(timeout=5)
    assert event["process"] == ticket.pk
    assert event["chased"] == "请在30分钟内回复进展"
    assert event["reference"] == ticket.reference
    await assert_nothing_came(other, user_group(engineer_b.pk))
    step = await sync_to_async(ticket.transitions.get)(action="chased")
    assert step.notes == [{"key": "faults.chased", "params": {}}]


@pytest.mark.django_db
def test_only_the_monitoring_centre_chases(
    dispatch, engineer_a, engineer_b, carrier_admin, client_for
):
    from ..api_clients import API, bearer, post_json

    ticket = dispatch(level=3)
    chase = reverse("workflows:fault_chase", args=[ticket.pk])
    assert client_for(engineer_a).post(chase, {"text": "x"}).status_code == 403
    assert client_for(engineer_b).post(chase, {"text": "x"}).status_code == 404
    url = f"{API}/faults/{ticket.pk}/chase"
    refused = post_json(bearer(carrier_admin), url, {"text": "x"})
    assert refused.status_code == 403 and str(NOT_CHASER) in refused.text
    assert post_json(bearer(engineer_b), url, {"text": "x"}).status_code == 404
    assert not ticket.transitions.filter(action="chased").exists()
