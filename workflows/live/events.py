"""Publishing live events: only after the surrounding transaction commits."""

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

QUEUE_CHANGED = "queue.changed"


def send_now(groups: list[str], payload: dict) -> None:
    """Send ``payload`` to every group at once (delivery is at most once)."""
    layer = get_channel_layer()
    for group in dict.fromkeys(groups):
        async_to_sync(layer.group_send)(group, {"type": QUEUE_CHANGED, **payload})


def publish_on_commit(groups: list[str], payload: dict) -> None:
    """Queue ``payload`` for ``groups`` once the current transaction commits."""
    transaction.on_commit(lambda: send_now(list(groups), payload))
