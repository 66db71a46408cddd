"""ASGI entry point: HTTP through Django, WebSockets through Channels."""

import os

from django.core.asgi import get_asgi_application

# A server started without a settings module is a production one: it refuses
# to start without its secret (manage.py and `make run` choose dev).
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")
django_asgi_app = get_asgi_application()

# Consumers import models: only after Django is set up.
from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402

from portal.routing import websocket_urlpatterns  # noqa: E402
from portal.uploads import RequestBodyLimit  # noqa: E402
from workflows.dispatcher import TimerDispatcher  # noqa: E402

# The embedded mode fires due timers inside this process (workflows/dispatcher.py).
application = TimerDispatcher(
    ProtocolTypeRouter(
        {
            "http": RequestBodyLimit(django_asgi_app),
            "websocket": AllowedHostsOriginValidator(
                AuthMiddlewareStack(URLRouter(websocket_urlpatterns))
            ),
        }
    )
)
