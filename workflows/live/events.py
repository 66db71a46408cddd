"""Publishing live events: only after the surrounding transaction commits.

One transaction saves a task several times (created, assigned, started,
done) and every save publishes the same event; each group still hears it
once per commit. Every publish registers its own commit hook, so a
rolled-back savepoint drops its events as Django drops its hooks.
"""

import json
import uuid

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

from .sequence import next_seqs

QUEUE_CHANGED = "queue.changed"
# One id per event, the same in every group it goes to: a socket in two of
# them (a requester is in its company's group too) passes it on once.
EVENT_ID = "event_id"
# Each group's number for this event (``sequence.py``): a socket that sees
# one skip resyncs.
SEQS = "seqs"


def send_now(groups: list[str], payload: dict, event_id: str = "") -> None:
    """Send ``payload`` to every group at once (delivery is at most once)."""
    layer = get_channel_layer()
    groups = list(dict.fromkeys(groups))
    event = {"type": QUEUE_CHANGED, **payload, EVENT_ID: event_id or uuid.uuid4().hex}
    event[SEQS] = next_seqs(groups)
    for group in groups:
        async_to_sync(layer.group_send)(group, event)


class _Publish:
    """The commit hook of one publish; sends what no hook of its commit sent yet.

    Hooks registered in one transaction share ``sent`` (per payload: its event
    id and the groups told), found through the hooks Django holds for that
    transaction; a hook is dropped with its savepoint, so what a rollback
    undid is never sent. Copies of one payload keep one event id.
    """

    def __init__(self, groups: list[str], payload: dict, sent: dict):
        self.groups, self.payload, self.sent = list(groups), payload, sent

    def __call__(self) -> None:
        key = json.dumps(self.payload, sort_keys=True, default=str)
        event_id, told = self.sent.setdefault(key, (uuid.uuid4().hex, set()))
        fresh = [group for group in self.groups if group not in told]
        told.update(fresh)
        if fresh:
            send_now(fresh, self.payload, event_id)


def pending_publish(match) -> "_Publish | None":
    """The first commit hook of the current transaction whose payload ``match``es."""
    for _, hook, _ in transaction.get_connection().run_on_commit:
        if isinstance(hook, _Publish) and match(hook.payload):
            return hook
    return None


def publish_on_commit(groups: list[str], payload: dict) -> None:
    """Queue ``payload`` for ``groups`` once the current transaction commits."""
    hooks = transaction.get_connection().run_on_commit
    earlier = (hook for _, hook, _ in hooks if isinstance(hook, _Publish))
    sent = next((hook.sent for hook in earlier), {})
    transaction.on_commit(_Publish(groups, payload, sent))
