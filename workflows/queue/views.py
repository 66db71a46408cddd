"""``/queue/``: my work (我的待办) across every flow; also served as a fragment
that the live client fetches to resync rows and counts, and as single rows
(``?fragment=1&row=<id>``) that it fetches when an event concerns a row it
shows."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject, cached_property
from django.views import View
from django.views.generic import ListView

from registry.exports import FORMATS, export_response
from registry.roles import Role, is_carrier, roles_of
from registry.selectors import companies_for_user, company_of, sites_for_user
from training.selectors import duty_lost_for

from ..catalog import flow_by_ref, flow_choices
from ..exports import flow_key, requests_table
from ..inspection.selectors import open_findings_for
from ..rules import requests_export_allowed
from . import selectors
from .filters import QueueFilterSet

# The links of a row: (URL name, number of integer arguments).
ROW_LINKS = {
    "request": ("workflows:request", 1),
    "task": ("workflows:task", 2),
    "claim": ("workflows:claim", 2),
    "release": ("workflows:release", 2),
    "snooze": ("workflows:snooze", 2),
}


def link_format(name: str, arguments: int) -> str:
    """``name`` reversed once with marker ids, as a ``str.format`` pattern.

    A page of 50 rows has 150 links; reversing each costs a fifth of the
    page (``python -m bench queue_vs_listview``), formatting costs nothing.
    """
    markers = [str(987654321000 + i) for i in range(arguments)]
    url = reverse(name, args=markers).replace("{", "{{").replace("}", "}}")
    for index, marker in enumerate(markers):
        url = url.replace(marker, f"{{{index}}}")
    return url


def with_links(rows, tab: str):
    """Give each row of a page its links (``row.links.request`` and the task's)."""
    formats = {key: link_format(*target) for key, target in ROW_LINKS.items()}
    for row in rows:
        if tab == "filed":
            row.links = {"request": formats["request"].format(row.pk)}
        else:
            row.links = {
                key: pattern.format(row.process_id, row.pk)
                for key, pattern in formats.items()
            }
    return rows


def is_live(request) -> bool:
    """A resync by ``live.js`` (or a fragment fetched by hand), not a page view."""
    return request.headers.get("X-Requested-With") == "live" or bool(
        request.GET.get("fragment")
    )


class LiveLoginRequiredMixin(LoginRequiredMixin):
    """Pages redirect to the login; the live client gets a 401 it can read.

    A redirect would be followed by ``fetch`` and the login page put into the
    queue in place of its rows.
    """

    def handle_no_permission(self):
        if is_live(self.request) and not self.request.user.is_authenticated:
            return JsonResponse({"error": "session_expired"}, status=401)
        return super().handle_no_permission()


def with_notes(rows, tab: str):
    """Give each row its note (``row.note``): the people of a staff change."""
    if tab == "filed":
        keys = [(row.pk, row.flow_class) for row in rows]
    else:
        keys = [(row.process_id, row.process.flow_class) for row in rows]
    notes = selectors.row_notes(keys)
    for row, (pk, _flow) in zip(rows, keys, strict=True):
        row.note = notes.get(pk, "")
    return rows


class QueueCountMixin:
    """Every answer carries the header badge's count for the live client."""

    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        if request.user.is_authenticated:
            response["X-Queue-Count"] = str(selectors.open_count(request.user))
            response["Cache-Control"] = "no-store"
        return response


class CountView(LiveLoginRequiredMixin, QueueCountMixin, View):
    def get(self, request):
        return HttpResponse(status=204)


class QueueView(LiveLoginRequiredMixin, QueueCountMixin, ListView):
    paginate_by = 50
    template_name = "workflows/queue/queue.html"

    def get(self, request, *args, **kwargs):
        row = request.GET.get("row", "")
        if is_live(request) and row.isdigit():
            return self.row(int(row))
        return super().get(request, *args, **kwargs)

    def row(self, pk: int):
        """The row ``pk`` of this tab as the page shows it, or nothing if the
        row is not (or no longer) in this tab under these filters."""
        rows = with_notes(
            with_links(list(self.get_queryset().filter(pk=pk)), self.tab), self.tab
        )
        context = {
            "object_list": rows,
            "tab": self.tab,
            "return_path": self.return_path(),
            "now_ts": timezone.now(),
        }
        return render(self.request, "workflows/queue/_rows.html", context)

    def return_path(self) -> str:
        """Where a form on the rows sends the user back: this page, never the
        fragment (or the row) the live client fetched the rows with."""
        query = self.request.GET.copy()
        query.pop("fragment", None)
        query.pop("row", None)
        return f"{self.request.path}?{query.urlencode()}"

    def get_template_names(self):
        if self.request.GET.get("fragment"):
            return ["workflows/queue/_results.html"]
        return [self.template_name]

    @property
    def tab(self) -> str:
        tab = self.request.GET.get("tab", "mine")
        return tab if tab in selectors.TABS else "mine"

    @cached_property
    def filters(self) -> QueueFilterSet:
        return QueueFilterSet(self.request.GET)

    def spec(self) -> selectors.QueueFilter:
        return self.filters.spec()

    def get_queryset(self):
        user = self.request.user
        if self.tab == "filed":
            return selectors.filed_requests(user, self.spec())
        return selectors.queue_tasks(user, self.tab, self.spec())

    def get_paginator(self, queryset, per_page, **kwargs):
        paginator = super().get_paginator(queryset, per_page, **kwargs)
        if (
            self.tab in ("mine", "offered", "snoozed")
            and self.spec() == selectors.QueueFilter()
        ):
            # Unfiltered, a task tab holds what its tab count (read anyway for
            # the tabs and the badge) says: no second count of the rows.
            paginator.count = selectors.tab_counts(self.request.user)[self.tab]
        return paginator

    def paginate_queryset(self, queryset, page_size):
        paginator, page, rows, is_paginated = super().paginate_queryset(
            queryset, page_size
        )
        rows = with_notes(with_links(rows, self.tab), self.tab)
        return paginator, page, rows, is_paginated

    def get_context_data(self, **kwargs):
        user = self.request.user
        query = self.request.GET.copy()
        query.pop("fragment", None)
        query.pop("row", None)
        query.pop("page", None)
        return super().get_context_data(
            return_path=self.return_path(),
            tab=self.tab,
            tabs=selectors.TABS,
            counts=selectors.tab_counts(user),
            spec=self.spec(),
            filter_errors=self.filters.messages(),
            flows=flow_choices(),
            sites=sites_for_user(user)
            .select_related(None)
            .only("pk", "code", "name_zh", "name_en"),
            companies=companies_for_user(user) if is_carrier(user) else None,
            query=query.urlencode(),
            now_ts=timezone.now(),
            duty_lost=[] if self.request.GET.get("fragment") else _duty_lost(user),
            findings=SimpleLazyObject(lambda: open_findings_for(user)),
            export_links=export_links(self.request),
            **kwargs,
        )


# The queue's filters an export keeps (not its tab, page or fragment).
EXPORT_FILTERS = ("flow", "state", "site", "company", "overdue")


def export_links(request) -> list[tuple[str, str]]:
    """``(format, address)`` of each download of the requests under the
    page's filters, for a user who may export them."""
    if not requests_export_allowed(request.user):
        return []
    query = request.GET.copy()
    for name in list(query):
        if name not in EXPORT_FILTERS:
            query.pop(name)
    links = []
    for export_format in FORMATS:
        query["export"] = export_format
        links.append(
            (export_format.upper(), f"{reverse('queue:export')}?{query.urlencode()}")
        )
    return links


class RequestExportView(LoginRequiredMixin, View):
    """``/queue/export/?export=xlsx|csv&flow=…``: the requests the user may
    see under the queue's filters; one flow's with its own columns."""

    def get(self, request):
        if not requests_export_allowed(request.user):
            raise PermissionDenied
        export_format = request.GET.get("export")
        filters = QueueFilterSet(request.GET)
        spec = filters.spec()
        if export_format not in FORMATS or filters.messages():
            raise Http404  # a refused filter never widens the download
        flow = flow_by_ref(spec.flow) if spec.flow else None
        model = flow.process_class if flow is not None else None
        headers, rows = requests_table(
            rows=selectors.exported_requests(request.user, spec, model), flow=flow
        )
        name = f"requests-{flow_key(flow)}" if flow is not None else "requests"
        return export_response(
            headers=headers,
            rows=rows,
            export_format=export_format,
            name=name,
            request=request,
        )


def _duty_lost(user) -> list:
    """A contractor manager's people back to trainee by a lapsed certificate."""
    if Role.CONTRACTOR_MANAGER not in roles_of(user):
        return []
    company = company_of(user)
    return duty_lost_for(company.pk) if company is not None else []
