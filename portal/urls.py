from django.conf import settings
from django.urls import include, path, re_path
from django.views.i18n import JavaScriptCatalog
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from portal import languages
from portal.health import healthz
from portal.media import public_media
from workflows.api.app import api
from workflows.api.fallback import unknown_operation

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("attachments/", include("home.urls")),
    path("accounts/", include("portal.accounts")),
    path("i18n/setlang/", languages.set_language, name="set_language"),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("registry/", include("registry.urls")),
    path("ledgers/", include("ledgers.urls")),
    path("requests/", include("workflows.urls")),
    path("queue/", include("workflows.queue.urls")),
    path("notifications/", include("workflows.notifications.urls")),
    path("api/v1/", api.urls),
    re_path(r"^api/v1/(?P<rest>.*)$", unknown_operation),
    path("search/", include("search.urls")),
    path("training/", include("training.urls")),
    path("dashboards/", include("dashboards.urls")),
]

# Public uploads only (portal/media.py); documents go through their own views.
urlpatterns += [
    path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", public_media),
]

# Wagtail's page tree catches everything else, so it goes last.
urlpatterns += [path("", include(wagtail_urls))]
