"""Helpers for socket tests: a logged-in socket against the app or a real server."""

import json
from collections.abc import Iterator
from contextlib import contextmanager

from asgiref.sync import sync_to_async
from django.conf import settings
from django.db import connections
from websockets.sync.client import ClientConnection, connect

from ..servers import Server, session_id

PATH = "/ws/live/"
LOCAL_ORIGIN = (b"origin", b"http://127.0.0.1")
HELLO = {"type": "hello", "resync": True}


def session_cookie(user) -> tuple[bytes, bytes]:
    return (b"cookie", f"{settings.SESSION_COOKIE_NAME}={session_id(user)}".encode())


async def connected_socket(socket_for, user):
    socket = await socket_for(user)
    connected, _ = await socket.connect()
    assert connected
    assert await socket.receive_json_from() == HELLO
    return socket


async def close_sync_connections():
    """Close what the thread behind ``sync_to_async`` left open.

    Consumers and tests run their database code in one shared sync thread whose
    connections outlive the test (``CONN_MAX_AGE``); PostgreSQL then refuses to
    drop the test database while they are open.
    """
    await sync_to_async(connections.close_all)()


@contextmanager
def server_socket(server: Server, user) -> Iterator[ClientConnection]:
    """A browser-like socket of ``user`` on a real server, past its hello."""
    cookie = f"{settings.SESSION_COOKIE_NAME}={session_id(user)}"
    with connect(
        server.ws_url + PATH,
        origin=server.url,
        additional_headers={"Cookie": cookie},
        open_timeout=10,
    ) as socket:
        assert json.loads(socket.recv(timeout=10)) == HELLO
        yield socket
