"""``/healthz`` for the proxy and the service manager: 200 when the database and
the channel layer answer, 503 otherwise.

No session, template or page tree; the layer is asked with a message through a
throwaway channel, the database with ``SELECT 1``, each within a short timeout.
"""

import asyncio
import uuid

from asgiref.sync import sync_to_async
from channels.layers import get_channel_layer
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

TIMEOUT = 2.0
PING = {"type": "health.ping"}


def _database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


async def _channel_layer() -> None:
    layer = get_channel_layer()
    channel = f"healthz.{uuid.uuid4().hex}"
    await layer.send(channel, PING)
    if await layer.receive(channel) != PING:
        raise RuntimeError("the channel layer answered another message")


async def _answers(check) -> bool:
    """Whether ``check`` finished in time; any failure of a backend counts
    (a refused connection, a Redis or database error, a bad config)."""
    try:
        await asyncio.wait_for(check(), TIMEOUT)
    except Exception:  # noqa: BLE001
        return False
    return True


@never_cache
@require_safe
async def healthz(request):
    checks = {
        "database": await _answers(sync_to_async(_database)),
        "channel_layer": await _answers(_channel_layer),
    }
    healthy = all(checks.values())
    return JsonResponse(
        {name: "ok" if ok else "failing" for name, ok in checks.items()},
        status=200 if healthy else 503,
    )
