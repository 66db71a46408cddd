"""The embedded mode's channel layer."""

import asyncio
import math
import time
from copy import deepcopy

from channels.layers import InMemoryChannelLayer


class SweepingInMemoryChannelLayer(InMemoryChannelLayer):
    """Channels' in-memory layer, sweeping expired messages at most once a second,
    and copying a group's message once rather than once per member.

    The stock layer walks every channel and group on each receive and each
    group send, so one event to a thousand open pages costs a million checks
    while the single server process can do nothing else (``python -m bench
    fanout``). Messages expire after tens of seconds; sweeping a second late
    changes nothing a page can see.
    """

    sweep_interval = 1.0
    _swept_at = -math.inf

    def _clean_expired(self):
        now = time.monotonic()
        if now - self._swept_at < self.sweep_interval:
            return
        self._swept_at = now
        super()._clean_expired()

    async def group_send(self, group, message):
        """Queue ``message`` for every member of ``group`` at once.

        The stock layer starts a task per member, each deep-copying the
        message. Here it is copied once; each member gets its own outer dict
        over the shared copy (consumers read events, never change them). A
        member whose queue is full misses it, as with the stock layer.
        """
        assert isinstance(message, dict), "Message is not a dict"
        self.require_valid_group_name(group)
        self._clean_expired()
        shared = deepcopy(message)
        expires = time.time() + self.expiry
        for channel in list(self.groups.get(group, ())):
            queue = self.channels.get(channel)
            if queue is None:
                capacity = self.get_capacity(channel)
                queue = self.channels[channel] = asyncio.Queue(maxsize=capacity)
            try:
                queue.put_nowait((expires, dict(shared)))
            except asyncio.QueueFull:
                pass
