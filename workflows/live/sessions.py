"""Logging out closes the sockets the session opened, on every server.

A socket authenticates once, when it connects; without this, a page left open
after logging out (or in another tab) would go on hearing the user's events.
Other sessions of the same user keep theirs.
"""

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

from .groups import session_group

SESSION_ENDED = "session.ended"


def session_sockets_close(sender, request, user, **kwargs) -> None:
    """``user_logged_out`` receiver: runs before Django flushes the session."""
    session_key = getattr(getattr(request, "session", None), "session_key", None)
    if not session_key:
        return
    group = session_group(session_key)
    send = async_to_sync(get_channel_layer().group_send)
    transaction.on_commit(lambda: send(group, {"type": SESSION_ENDED}))
