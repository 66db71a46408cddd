import asyncio
import random
from collections import deque

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.conf import settings

from .events import EVENT_ID
from .groups import groups_for_user, session_group

# Events a socket remembers to drop their copies from its other groups; the
# copies of one event arrive together, so a few dozen is plenty.
SEEN_EVENTS = 64


class LiveConsumer(AsyncJsonWebsocketConsumer):
    """One socket per open page; joins only the groups of the logged-in user.

    Delivery is at most once, so the client re-reads its queue on every
    (re)connect; the ``hello`` message tells it to. Channel layers drop a
    socket from its groups a day after it joined (``group_expiry``) without
    telling it, so a page left open on a duty-room screen would fall silent:
    the socket closes itself after ``LIVE_SOCKET_MAX_AGE`` seconds and the
    client reconnects (and resyncs) at once. A socket belongs to the session
    that opened it: logging out closes it (``sessions.py``), and the client
    does not reconnect after ``CLOSE_LOGGED_OUT``.
    """

    groups = []
    CLOSE_TOO_OLD = 4000
    CLOSE_LOGGED_OUT = 4401

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.seen = deque(maxlen=SEEN_EVENTS)

    async def connect(self):
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.close(code=self.CLOSE_LOGGED_OUT)
            return
        self.joined = await self.user_groups(user)
        session_key = self.scope["session"].session_key
        if session_key:
            self.joined.append(session_group(session_key))
        for group in self.joined:
            await self.channel_layer.group_add(group, self.channel_name)
        await self.accept()
        await self.send_json({"type": "hello", "resync": True})
        # Spread: pages opened together (a restart) do not all return at once.
        self.retire = asyncio.get_running_loop().call_later(
            settings.LIVE_SOCKET_MAX_AGE * random.uniform(0.9, 1.0),
            lambda: asyncio.ensure_future(self.close(code=self.CLOSE_TOO_OLD)),
        )

    async def disconnect(self, code):
        if getattr(self, "retire", None) is not None:
            self.retire.cancel()
        for group in getattr(self, "joined", []):
            await self.channel_layer.group_discard(group, self.channel_name)

    async def receive_json(self, content, **kwargs):
        if content.get("type") == "ping":
            await self.send_json({"type": "pong"})

    async def session_ended(self, event):
        await self.close(code=self.CLOSE_LOGGED_OUT)

    async def queue_changed(self, event):
        event_id = event.get(EVENT_ID)
        if event_id is not None:
            if event_id in self.seen:
                return  # a copy through another of this socket's groups
            self.seen.append(event_id)
        message = {k: v for k, v in event.items() if k not in ("type", EVENT_ID)}
        await self.send_json(message | {"type": "queue.changed"})

    @database_sync_to_async
    def user_groups(self, user):
        return groups_for_user(user)
