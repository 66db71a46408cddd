from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer

from .groups import groups_for_user


class LiveConsumer(AsyncJsonWebsocketConsumer):
    """One socket per open page; joins only the groups of the logged-in user.

    Delivery is at most once, so the client re-reads its queue on every
    (re)connect; the ``hello`` message tells it to.
    """

    groups = []

    async def connect(self):
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.close(code=4401)
            return
        self.joined = await self.user_groups(user)
        for group in self.joined:
            await self.channel_layer.group_add(group, self.channel_name)
        await self.accept()
        await self.send_json({"type": "hello", "resync": True})

    async def disconnect(self, code):
        for group in getattr(self, "joined", []):
            await self.channel_layer.group_discard(group, self.channel_name)

    async def receive_json(self, content, **kwargs):
        if content.get("type") == "ping":
            await self.send_json({"type": "pong"})

    async def queue_changed(self, event):
        await self.send_json(
            {k: v for k, v in event.items() if k != "type"} | {"type": "queue.changed"}
        )

    @database_sync_to_async
    def user_groups(self, user):
        return groups_for_user(user)
