"""The timer dispatcher of the embedded mode, running inside the server.

Timers (a staff change or a leave taking effect on its date) fire from a sweep
of viewflow's dispatcher. In the embedded mode the channel layer lives in the
server's memory, so a sweep run by cron in another process could not reach
the open pages: the server runs the sweep itself, every
``WORKFLOW_TIMERS_INTERVAL`` seconds, on its own event loop. Its events then
go out through the same in-memory layer as any page's.

The scaled mode (``REDIS_URL``) leaves it off and runs
``manage.py workflow_timers`` from cron or a systemd timer (the portal's own
command, workflows/management/commands/, which does the same sweep as the
embedded one); its events reach every server through Redis. Either way a
page that missed an event shows the truth at its next resync.
"""

import asyncio
import logging

from asgiref.sync import sync_to_async
from django.conf import settings
from django.db import connections
from viewflow.workflow.timers import (
    fire_due_conditions,
    fire_due_start_timers,
    fire_due_timers,
)

from training.services import certificates_lapse
from workflows.assessment.services import due_drafts
from workflows.inspection.checks import draws_due
from workflows.notifications.services import deliveries_requeue

logger = logging.getLogger(__name__)


def portal_due() -> dict[str, int]:
    """The portal's own periodic work, beside viewflow's timers.

    Training certificates that lapsed (their holders drop back to trainee and
    their managers hear it, workflows/training_notices.py); last month's
    assessments, drafted on the first sweep after it ended; the carrier's
    monthly re-check samples and yearly spot checks, drawn once per company and
    period (workflows/inspection/checks.py).
    """
    certificates_lapse()
    done = {"drafted": due_drafts(), "draws": draws_due()}
    # Mails and webhook posts whose worker died mid-send, queued again
    # (workflows/notifications).
    deliveries_requeue()
    return done


def fire_due() -> int:
    """One sweep: fire every due timer and condition; the number fired.

    The sweep's connection is closed after it: a sweep every half minute
    needs no connection kept open in between.
    """
    try:
        fired = fire_due_timers() + fire_due_start_timers() + fire_due_conditions()
        portal_due()
        return fired
    finally:
        connections.close_all()


async def sweep_forever(interval: float) -> None:
    """Sweep now and then every ``interval`` seconds; a failed sweep is logged."""
    while True:
        try:
            fired = await sync_to_async(fire_due, thread_sensitive=True)()
        except Exception:
            logger.exception("The timer sweep failed; retrying next interval")
        else:
            if fired:
                logger.info("Fired %s due timer(s)", fired)
        await asyncio.sleep(interval)


class TimerDispatcher:
    """ASGI wrapper that keeps one sweep running in the server's event loop.

    uvicorn starts it on the lifespan startup event; Daphne has no lifespan
    protocol, so it starts with the first request or socket. Off unless
    ``WORKFLOW_TIMERS_IN_PROCESS`` (the embedded mode's default).
    """

    def __init__(self, app):
        self.app = app
        self.task: asyncio.Task | None = None

    async def __call__(self, scope, receive, send):
        if scope["type"] == "lifespan":
            await self.lifespan(receive, send)
            return
        self.start()
        await self.app(scope, receive, send)

    def start(self) -> None:
        self.relay_start()
        if not settings.WORKFLOW_TIMERS_IN_PROCESS:
            return
        loop = asyncio.get_running_loop()
        if self.task is not None and not self.task.done():
            if self.task.get_loop() is loop:
                return
        self.task = loop.create_task(sweep_forever(settings.WORKFLOW_TIMERS_INTERVAL))

    def relay_start(self) -> None:
        """The embedded mode's relay of import progress (registry/imports/relay.py)."""
        if not settings.IMPORT_PROGRESS_RELAY:
            return
        from registry.imports.relay import relay_forever

        loop = asyncio.get_running_loop()
        relay = getattr(self, "relay", None)
        if relay is not None and not relay.done() and relay.get_loop() is loop:
            return
        self.relay = loop.create_task(
            relay_forever(settings.IMPORT_PROGRESS_RELAY_INTERVAL)
        )

    async def stop(self) -> None:
        relay, self.relay = getattr(self, "relay", None), None
        if relay is not None and relay.get_loop() is asyncio.get_running_loop():
            relay.cancel()
        task, self.task = self.task, None
        if (
            task is None
            or task.done()
            or task.get_loop() is not asyncio.get_running_loop()
        ):
            return
        task.cancel()
        try:
            await task
        except asyncio.CancelledError:
            pass

    async def lifespan(self, receive, send) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                self.start()
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await self.stop()
                await send({"type": "lifespan.shutdown.complete"})
                return
