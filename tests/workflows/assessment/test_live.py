"""The score goes out live after commit, to the company and the carrier only."""

import pytest
import time_machine
from asgiref.sync import sync_to_async

from workflows.live.groups import company_group

from ..sockets import assert_nothing_came, connected_socket
from .conftest import at

pytestmark = [pytest.mark.asyncio, pytest.mark.django_db(transaction=True)]


async def next_assessment(socket) -> dict:
    while True:
        event = await socket.receive_json_from(timeout=5)
        if "assessment" in event:
            return event["assessment"]


@pytest.fixture(autouse=True)
def clock():
    """Within November's objection window, the clock running."""
    with time_machine.travel(at(2026, 12, 2, 9), tick=True):
        yield


async def test_an_upheld_objection_tells_the_company_and_the_carrier(
    rules_after_flush,
    socket_for,
    company_a,
    company_b,
    manager_a,
    manager_b,
    carrier_admin,
    add_event,
    draft,
):
    from workflows.assessment import objections, services

    def prepare():
        add_event("unauthorised_interruption", at(2026, 11, 3, 9), company_a)
        assessment = draft(company_a)
        return assessment, assessment.lines.get()

    assessment, line = await sync_to_async(prepare)()
    mine = await connected_socket(socket_for, manager_a)
    carrier = await connected_socket(socket_for, carrier_admin)
    other = await connected_socket(socket_for, manager_b)

    def object_and_uphold():
        objections.line_object(line=line, user=manager_a, reason="已批准")
        task = objections.open_task(assessment, "objections")
        with task.activation() as activation:
            activation.assign(manager_a)
            activation.start(None)
            services.objections_send(
                assessment=activation.process, task=task, user=manager_a
            )
            activation.execute()
        objections.line_decide(
            line=line, user=carrier_admin, decision="upheld", comment=""
        )

    await sync_to_async(object_and_uphold)()
    seen = [await next_assessment(mine) for _ in range(3)]
    assert seen[-1] == {
        "id": assessment.pk,
        "company": company_a.pk,
        "month": "2026-11-01",
        "score": "100.00",
        "grade": "excellent",
        "state": "decided",
    }
    assert (await next_assessment(carrier))["id"] == assessment.pk
    await assert_nothing_came(other, company_group(company_b.pk))
