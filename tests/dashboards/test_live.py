"""The dashboard socket: a ticket's step tells the dashboards of its company
and of the carrier after commit, never another company's; only those who may
see a dashboard connect."""

import pytest
import pytest_asyncio
from asgiref.sync import sync_to_async
from channels.layers import get_channel_layer
from channels.testing import WebsocketCommunicator
from django.db import transaction

from dashboards.live import CARRIER_GROUP, company_dashboard_group
from portal.asgi import application
from registry.roles import Role
from tests.workflows.sockets import (
    HELLO,
    LOCAL_ORIGIN,
    close_sync_connections,
    sentinel_event,
    session_cookie,
)
from workflows.faults.services import TicketInput, ticket_dispatch

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]
PATH = "/ws/dashboards/"


@pytest.fixture
def clock():
    """Real time here: the sockets' timeouts run on the event loop's clock."""
    yield


@pytest_asyncio.fixture
async def dashboard_socket():
    opened = []

    async def make(user):
        headers = [LOCAL_ORIGIN, await sync_to_async(session_cookie)(user)]
        socket = WebsocketCommunicator(application, PATH, headers=headers)
        opened.append(socket)
        return socket

    yield make
    for socket in opened:
        await socket.disconnect()
    await close_sync_connections()


async def joined(make, user):
    socket = await make(user)
    connected, _ = await socket.connect()
    assert connected
    assert await socket.receive_json_from() == HELLO
    return socket


async def nothing_came(socket, group):
    marker = sentinel_event()
    await get_channel_layer().group_send(group, marker | {"dashboard": marker})
    assert await socket.receive_json_from(timeout=5) == {
        "type": "dashboard.changed",
        **marker,
    }


@pytest.fixture
def noc(make_user):
    return make_user(Role.MONITORING_CENTRE, username="noc")


def dispatch(noc, site):
    data = TicketInput(site=site, level=1, mode="on_site", description="基站退服")
    return ticket_dispatch(user=noc, data=data)


async def test_a_dispatched_ticket_refreshes_its_company_and_the_carrier(
    rules_after_flush,
    dashboard_socket,
    noc,
    site_a,
    carrier_admin,
    manager_a,
    manager_b,
    company_a,
    company_b,
):
    carrier = await joined(dashboard_socket, carrier_admin)
    own = await joined(dashboard_socket, manager_a)
    other = await joined(dashboard_socket, manager_b)

    await sync_to_async(dispatch)(noc, site_a)

    told = {"type": "dashboard.changed", "company": company_a.pk}
    assert await carrier.receive_json_from(timeout=5) == told
    assert await own.receive_json_from(timeout=5) == told
    await nothing_came(other, company_dashboard_group(company_b.pk))
    # One event per commit, though the dispatch recorded several steps.
    await nothing_came(own, company_dashboard_group(company_a.pk))


async def test_a_rolled_back_step_tells_nobody(
    rules_after_flush, dashboard_socket, noc, site_a, carrier_admin
):
    carrier = await joined(dashboard_socket, carrier_admin)

    @sync_to_async
    def dispatch_and_roll_back():
        with transaction.atomic():
            dispatch(noc, site_a)
            transaction.set_rollback(True)

    await dispatch_and_roll_back()

    await nothing_came(carrier, CARRIER_GROUP)


async def test_engineer_is_refused(dashboard_socket, engineer_a):
    connected, code = await (await dashboard_socket(engineer_a)).connect()

    assert (connected, code) == (False, 4403)
