"""The portal's URLs behind the benchmarks' baselines and probes.

``bench/bare/``: a ``TemplateView`` without context processors (no queries).
``bench/tasks/``: a plain ``ListView`` of the rows the queue shows.
``bench/publish/``: one live event, as an approval would send it.
"""

from django.urls import path
from django.views.generic import TemplateView

from portal.urls import urlpatterns as portal_urlpatterns

from .views import PublishView, TaskListView

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
    path("bench/tasks/", TaskListView.as_view(), name="bench_tasks"),
    path("bench/publish/", PublishView.as_view(), name="bench_publish"),
    *portal_urlpatterns,
]
