from dashboards.routing import websocket_urlpatterns as dashboard_patterns
from workflows.live.routing import websocket_urlpatterns as live_patterns

websocket_urlpatterns = [*live_patterns, *dashboard_patterns]
