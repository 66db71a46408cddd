"""The dashboard's socket: joins the one dashboard group its user may hear.

The carrier's dashboards hear every company; a contractor manager's only its
own company's; anyone else is refused. The socket also joins its login
session's group, so logging out closes it (``workflows.live.sessions``), and
retires itself after ``LIVE_SOCKET_MAX_AGE`` like the queue's (the layer
forgets group members after a day); the page reconnects and refetches.
"""

import asyncio
import random

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.conf import settings

from registry.roles import is_carrier
from registry.selectors import company_of
from workflows.live.groups import session_group

from .access import may_see_dashboards
from .live import CARRIER_GROUP, DASHBOARD, company_dashboard_group


@database_sync_to_async
def dashboard_group_of(user) -> str | None:
    if not user.is_authenticated or not may_see_dashboards(user):
        return None
    if is_carrier(user):
        return CARRIER_GROUP
    return company_dashboard_group(company_of(user).pk)


class DashboardConsumer(AsyncJsonWebsocketConsumer):
    CLOSE_TOO_OLD = 4000
    CLOSE_REFUSED = 4403
    CLOSE_LOGGED_OUT = 4401

    async def connect(self):
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.close(code=self.CLOSE_LOGGED_OUT)
            return
        group = await dashboard_group_of(user)
        if group is None:
            await self.close(code=self.CLOSE_REFUSED)
            return
        self.joined = [group]
        session_key = self.scope["session"].session_key
        if session_key:
            self.joined.append(session_group(session_key))
        for name in self.joined:
            await self.channel_layer.group_add(name, self.channel_name)
        await self.accept()
        await self.send_json({"type": "hello", "resync": True})
        self.retire = asyncio.get_running_loop().call_later(
            settings.LIVE_SOCKET_MAX_AGE * random.uniform(0.9, 1.0),
            lambda: asyncio.ensure_future(self.close(code=self.CLOSE_TOO_OLD)),
        )

    async def disconnect(self, code):
        if getattr(self, "retire", None) is not None:
            self.retire.cancel()
        for name in getattr(self, "joined", []):
            await self.channel_layer.group_discard(name, self.channel_name)

    async def queue_changed(self, event):
        """The portal's publisher sends every event as ``queue.changed``."""
        changed = event.get(DASHBOARD)
        if changed is not None:
            await self.send_json({"type": "dashboard.changed", **changed})

    async def session_ended(self, event):
        await self.close(code=self.CLOSE_LOGGED_OUT)
