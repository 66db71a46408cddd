"""The embedded mode's relay of background imports' progress to the sockets.

There the worker is another process and the channel layer lives in the
server's memory, so the worker's events never reach a socket: the server
reads the runs that are busy or just changed, with their progress from the
shared ``imports`` cache, and sends each change itself. Off in the scaled
mode (``IMPORT_PROGRESS_RELAY``), where Redis carries the worker's events.
"""

import asyncio
import logging
from datetime import timedelta

from asgiref.sync import sync_to_async
from django.db import close_old_connections
from django.db.models import Q
from django.utils import timezone

from workflows.live.events import send_now
from workflows.live.groups import user_group

from . import progress
from .runs import ImportRun

logger = logging.getLogger(__name__)

# A run that changed this recently is told once more (its end, its preview).
RECENT = timedelta(seconds=30)


def relay_once(told: dict) -> None:
    """Send every run whose state changed since ``told`` (updated in place)."""
    busy = (ImportRun.Status.QUEUED, ImportRun.Status.RUNNING)
    runs = ImportRun.objects.filter(
        Q(status__in=busy) | Q(changed_at__gte=timezone.now() - RECENT),
        background=True,
    ).only("pk", "status", "rows_total", "created_by_id")[:200]
    seen = set()
    for run in runs:
        seen.add(run.pk)
        payload = progress.payload(run)
        if told.get(run.pk) != payload:
            told[run.pk] = payload
            send_now([user_group(run.created_by_id)], payload)
    for pk in set(told) - seen:
        del told[pk]


def _relay_round(told: dict) -> None:
    close_old_connections()
    relay_once(told)


async def relay_forever(interval: float) -> None:
    told: dict = {}
    while True:
        try:
            await sync_to_async(_relay_round)(told)
        except Exception:
            logger.exception("The import progress relay failed; retrying")
        await asyncio.sleep(interval)
