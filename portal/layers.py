"""The embedded mode's channel layer."""

import math
import time

from channels.layers import InMemoryChannelLayer


class SweepingInMemoryChannelLayer(InMemoryChannelLayer):
    """Channels' in-memory layer, sweeping expired messages at most once a second.

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
