"""The portal's ASGI application plus a bare echo socket at ``/bench/echo/``.

The echo socket skips the portal's origin check, session lookup and channel
layer: what a socket round trip costs on this server by itself.
"""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

from channels.generic.websocket import AsyncWebsocketConsumer

from portal.asgi import application as portal_application

ECHO_PATH = "/bench/echo/"


class EchoConsumer(AsyncWebsocketConsumer):
    """Sends every text frame straight back; joins no channel layer."""

    channel_layer_alias = None

    async def receive(self, text_data=None, bytes_data=None):
        await self.send(text_data=text_data)


echo = EchoConsumer.as_asgi()


async def application(scope, receive, send):
    """``/bench/echo/`` sockets to the echo, everything else to the portal."""
    if scope["type"] == "websocket" and scope["path"] == ECHO_PATH:
        return await echo(scope, receive, send)
    return await portal_application(scope, receive, send)
