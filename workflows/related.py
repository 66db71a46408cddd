"""Requests where other apps show them: search results, registry page panels.

Registered by ``WorkflowsConfig.ready``: search and the registry sit below
workflows and never import it; workflows plugs into both, as its flows plug
into ``home.request_kinds``.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from registry.models import Site, StaffMember
from registry.panels import Panel
from search.sources import Hit, SearchSource
from search.text import fields_search

from .selectors import open_requests_at_site, requests_about_person, requests_for_user


class RequestSource(SearchSource):
    key = "requests"
    label = _("Request")
    order = 20
    fields = (
        "reference",
        "summary",
        "summary_en",
        "site__code",
        "site__name_zh",
        "site__name_en",
    )

    def results(self, *, user, query: str):
        requests = requests_for_user(user).select_related("site")
        found = fields_search(requests, query, self.fields)
        return found.order_by("-created", "-pk")

    def hit(self, obj, *, request=None) -> Hit:
        meta = [obj.reference, str(obj.flow_class.process_title), str(obj.company)]
        if obj.site_id:
            meta.append(obj.site.code)
        meta += [str(obj.state_label), obj.created.date().isoformat()]
        return Hit(
            kind=str(self.label),
            title=obj.title,
            url=reverse("workflows:request", args=[obj.pk]),
            meta=" · ".join(meta),
        )


ROWS = "workflows/_request_rows.html"

PANELS = (
    Panel(
        key="requests",
        model=StaffMember,
        title=_("Requests"),
        template=ROWS,
        rows=lambda person, *, user: requests_about_person(user, person),
        empty=_("No request names this person."),
    ),
    Panel(
        key="open-requests",
        model=Site,
        title=_("Open requests"),
        template=ROWS,
        rows=lambda site, *, user: open_requests_at_site(user, site),
        empty=_("No request at this site is under way."),
    ),
)
