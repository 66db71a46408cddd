"""A socket belongs to its session: logging out closes the sockets it opened."""

import pytest
import pytest_asyncio
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.test import Client

from portal.asgi import application
from workflows.live.consumers import LiveConsumer
from workflows.live.groups import user_group

from .sockets import (
    HELLO,
    LOCAL_ORIGIN,
    PATH,
    assert_nothing_came,
    close_sync_connections,
)

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]


@pytest_asyncio.fixture
async def session_socket():
    """``await session_socket(client)``: a socket of ``client``'s session, open."""
    opened = []

    async def make(client):
        cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
        socket = WebsocketCommunicator(
            application,
            PATH,
            headers=[LOCAL_ORIGIN, (b"cookie", f"sessionid={cookie}".encode())],
        )
        opened.append(socket)
        connected, _ = await socket.connect()
        assert connected
        assert await socket.receive_json_from() == HELLO
        return socket

    yield make
    for socket in opened:
        await socket.disconnect()
    await close_sync_connections()


@sync_to_async
def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


async def test_logging_out_closes_the_sessions_sockets(session_socket, manager_a):
    client = await logged_in(manager_a)
    first, second = await session_socket(client), await session_socket(client)

    response = await sync_to_async(client.post)("/accounts/logout/")

    assert response.status_code == 302
    for socket in (first, second):
        closed = await socket.receive_output(timeout=5)
        assert closed == {
            "type": "websocket.close",
            "code": LiveConsumer.CLOSE_LOGGED_OUT,
        }


async def test_the_users_other_sessions_keep_their_sockets(session_socket, manager_a):
    phone, laptop = await logged_in(manager_a), await logged_in(manager_a)
    on_phone = await session_socket(phone)
    await session_socket(laptop)

    await sync_to_async(laptop.post)("/accounts/logout/")

    await assert_nothing_came(on_phone, user_group(manager_a.pk))
