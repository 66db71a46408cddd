"""Helpers for socket tests: a logged-in socket against the app or a real server."""

import json
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import count

from asgiref.sync import async_to_sync, sync_to_async
from channels.layers import get_channel_layer
from django.conf import settings
from django.db import connections
from websockets.sync.client import ClientConnection, connect

from ..servers import Server, session_id

PATH = "/ws/live/"
LOCAL_ORIGIN = (b"origin", b"http://127.0.0.1")
HELLO = {"type": "hello", "resync": True}
_sentinels = count(1)


def sentinel_event() -> dict:
    """A fresh event no code of the portal sends: a marker in a socket's stream."""
    return {"type": "queue.changed", "sentinel": next(_sentinels)}


async def assert_nothing_came(socket, group: str) -> None:
    """Nothing reached ``socket`` so far: a marker sent now to ``group`` (one of
    the socket's groups) is the next message.

    A layer delivers one channel's messages in order, so anything sent to the
    socket before the marker, however late the socket would read it, comes
    first and fails the check; no sleep decides the result.
    """
    sentinel = sentinel_event()
    await get_channel_layer().group_send(group, sentinel)
    assert await socket.receive_json_from(timeout=5) == sentinel


def nothing_came_to_server_socket(socket: ClientConnection, group: str) -> bool:
    """``assert_nothing_came`` for a socket on a real server sharing the layer."""
    sentinel = sentinel_event()
    async_to_sync(get_channel_layer().group_send)(group, sentinel)
    return json.loads(socket.recv(timeout=10)) == sentinel


def nothing_came_sync(socket, group: str) -> bool:
    """``assert_nothing_came`` from sync code (a thread off the event loop)."""
    sentinel = sentinel_event()
    async_to_sync(get_channel_layer().group_send)(group, sentinel)
    return async_to_sync(socket.receive_json_from)(timeout=5) == sentinel


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
