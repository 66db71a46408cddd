"""Helpers for socket tests: a logged-in communicator against the real app."""

from asgiref.sync import sync_to_async
from django.conf import settings
from django.db import connections
from django.test import Client

PATH = "/ws/live/"
LOCAL_ORIGIN = (b"origin", b"http://127.0.0.1")
HELLO = {"type": "hello", "resync": True}


def session_cookie(user) -> tuple[bytes, bytes]:
    client = Client()
    client.force_login(user)
    session_id = client.cookies[settings.SESSION_COOKIE_NAME].value
    return (b"cookie", f"{settings.SESSION_COOKIE_NAME}={session_id}".encode())


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
