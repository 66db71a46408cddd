import asyncio
import random
from collections import deque

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.conf import settings

from ..delegation.selectors import snoozed_ids, stood_for_ids
from ..delegation.services import CHANGED
from ..steps import held_steps
from .events import EVENT_ID, SEQS
from .groups import groups_for_user, session_group
from .notify import MOVES
from .sequence import current_seqs

# Events a socket remembers to drop their copies from its other groups; the
# copies of one event arrive together, so a few dozen is plenty.
SEEN_EVENTS = 64


class LiveConsumer(AsyncJsonWebsocketConsumer):
    """One socket per open page; joins only the groups of the logged-in user.

    Delivery is at most once, so the client re-reads its queue on every
    (re)connect; the ``hello`` message tells it to. An event of a task tells
    the page which of its user's tabs the row left (``from``) and entered
    (``to``), so a page updates its counts and at most that row; each group's
    events are numbered (``sequence.py``) and a number that skips tells the
    page to resync whole (``resync``). Channel layers drop a
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
        self.joined, self.held = await self.user_groups(user)
        self.me = user.pk
        self.stands_for, self.snoozed = await self.delegated(user)
        session_key = self.scope["session"].session_key
        if session_key:
            self.joined.append(session_group(session_key))
        for group in self.joined:
            await self.channel_layer.group_add(group, self.channel_name)
        # Read after joining: an event numbered in between is heard, and the
        # hello's resync covers it anyway.
        self.last = await self.group_seqs(self.joined)
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

    def missed(self, seqs: dict) -> bool:
        """Note each of this socket's groups' numbers; True if one skipped."""
        skipped = False
        for group, number in seqs.items():
            last = self.last.get(group)
            if last is None:
                continue  # not one of this socket's groups
            if number > last + 1:
                skipped = True
            self.last[group] = max(last, number)
        return skipped

    def tab_of(self, state, step: str, task=None) -> str | None:
        """The tab of this user's queue a task in ``state`` shows in, if any."""
        if not state:
            return None
        bucket, owner = state
        if bucket == "open" and owner == self.me and task in self.snoozed:
            return "snoozed"
        if bucket == "open" and (owner == self.me or owner in self.stands_for):
            return "mine"
        if bucket == "open" and owner is None and step in self.held:
            return "offered"
        if bucket == "done" and owner == self.me:
            return "archive"
        return None

    async def queue_changed(self, event):
        skipped = self.missed(event.get(SEQS) or {})
        event_id = event.get(EVENT_ID)
        if event_id is not None:
            if event_id in self.seen:
                return  # a copy through another of this socket's groups
            self.seen.append(event_id)
        if CHANGED in event:  # a substitute named or withdrawn, a snooze: resync
            self.stands_for, self.snoozed = await self.delegated(self.scope["user"])
        hidden = ("type", EVENT_ID, SEQS, MOVES)
        message = {k: v for k, v in event.items() if k not in hidden}
        moves = event.get(MOVES)
        if moves is not None:
            step = moves.get("step", "")
            task = event.get("task")
            message["from"] = self.tab_of(moves.get("from"), step, task)
            message["to"] = self.tab_of(moves.get("to"), step, task)
            message["filed"] = moves.get("requester") == self.me
        if skipped:
            message["resync"] = True
        await self.send_json(message | {"type": "queue.changed"})

    @database_sync_to_async
    def user_groups(self, user):
        held = {permission for permission, _company in held_steps(user)}
        return groups_for_user(user), held

    @database_sync_to_async
    def delegated(self, user) -> tuple[frozenset, frozenset]:
        """The people this user stands in for today and the tasks they snoozed
        (read again on a change; a snooze that runs out shows on a resync)."""
        absent = stood_for_ids(user).values_list("absent_id", flat=True)
        snoozed = snoozed_ids(user).values_list("task_id", flat=True)
        return frozenset(absent), frozenset(snoozed)

    @database_sync_to_async
    def group_seqs(self, groups):
        return current_seqs(groups)
