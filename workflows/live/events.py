"""Publishing live events: only after the surrounding transaction commits.

One transaction saves a task several times (created, assigned, started,
done) and every save publishes the same event; each group still hears it
once per commit. Every publish registers its own commit hook, so a
rolled-back savepoint drops its events as Django drops its hooks.
"""

import json

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

QUEUE_CHANGED = "queue.changed"


def send_now(groups: list[str], payload: dict) -> None:
    """Send ``payload`` to every group at once (delivery is at most once)."""
    layer = get_channel_layer()
    for group in dict.fromkeys(groups):
        async_to_sync(layer.group_send)(group, {"type": QUEUE_CHANGED, **payload})


class _Publish:
    """The commit hook of one publish; sends what no hook of its commit sent yet.

    Hooks registered in one transaction share a ``sent`` set, found through
    the hooks Django holds for that transaction; a hook is dropped with its
    savepoint, so what a rollback undid is never sent.
    """

    def __init__(self, groups: list[str], payload: dict, sent: set):
        self.groups, self.payload, self.sent = list(groups), payload, sent

    def __call__(self) -> None:
        key = json.dumps(self.payload, sort_keys=True, default=str)
        fresh = [group for group in self.groups if (group, key) not in self.sent]
        self.sent.update((group, key) for group in fresh)
        if fresh:
            send_now(fresh, self.payload)


def publish_on_commit(groups: list[str], payload: dict) -> None:
    """Queue ``payload`` for ``groups`` once the current transaction commits."""
    hooks = transaction.get_connection().run_on_commit
    earlier = (hook for _, hook, _ in hooks if isinstance(hook, _Publish))
    sent = next((hook.sent for hook in earlier), set())
    transaction.on_commit(_Publish(groups, payload, sent))
