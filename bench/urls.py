"""The portal's URLs behind a bare ``TemplateView`` baseline at ``bench/bare/``."""

from django.urls import path
from django.views.generic import TemplateView

from portal.urls import urlpatterns as portal_urlpatterns

BARE_CONTEXT = {
    "title": "代维门户",
    "entries": [f"入口 {number}" for number in range(1, 6)],
}

urlpatterns = [
    path(
        "bench/bare/",
        TemplateView.as_view(
            template_name="bench/bare.html",
            template_engine="bare",
            extra_context=BARE_CONTEXT,
        ),
        name="bench_bare",
    ),
    *portal_urlpatterns,
]
