"""The entry points a user sees on the home page and in the header.

An entry shows when the user holds its permission (roles grant permissions, see
``portal/roles.py``). A later flow adds its entry here; every entry points at a
page that exists.
"""

from collections.abc import Callable
from dataclasses import dataclass, replace

from django.apps import apps
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from home.request_selectors import may_file_any, request_pages_for
from ledgers.access import may_view as may_view_ledgers
from registry.facts import user_fact
from training.access import may_learn, may_oversee, may_record_sessions
from workflows.inspection.selectors import may_inspect, may_see_inspections
from workflows.obligations.selectors import may_file_logs, may_oversee_obligations
from workflows.site_access.selectors import may_see_visit_log


@dataclass(frozen=True)
class EntryPoint:
    key: str
    label: str
    description: str
    url_name: str
    permission: str | None = None
    # "app_label.Model" of a Wagtail page: the entry links to the first live page
    # of that type, wherever an admin moved it, and hides while there is none.
    page_type: str | None = None
    page_url: str = ""
    # Shown only to users for whom this answers True (beside ``permission``).
    visible: Callable[..., bool] | None = None
    # Pages one click below the entry, e.g. each request form (read lazily:
    # only the home page lists them).
    children: Callable[..., list] | None = None
    links: object = ()

    @property
    def url(self) -> str:
        return self.page_url or reverse(self.url_name)


ENTRY_POINTS = (
    EntryPoint(
        "queue",
        _("My work"),
        _("Tasks assigned to you or waiting to be claimed, and your requests."),
        "queue:queue",
    ),
    EntryPoint(
        "dashboards",
        _("Dashboard"),
        _(
            "Work-order trends, SLA compliance, caps, training and inspections "
            "at a glance."
        ),
        "dashboards:dashboard",
        visible=lambda user: _may_see_dashboards(user),
    ),
    EntryPoint(
        "new_request",
        _("New request"),
        _(
            "File a request for approval: staff change, leave, upgrade, site "
            "visit and more."
        ),
        "",
        page_type="home.RequestIndexPage",
        visible=may_file_any,
        children=request_pages_for,
    ),
    EntryPoint(
        "faults",
        _("Fault tickets"),
        _("Faults dispatched by the monitoring centre, with their SLA clock."),
        "workflows:fault_list",
        visible=lambda user: _may_see_tickets(user),
    ),
    EntryPoint(
        "staff",
        _("Staff roster"),
        _("People of the contractor companies, their positions and status."),
        "registry:staff",
        "registry.view_staffmember",
    ),
    EntryPoint(
        "contracts",
        _("Contracts"),
        _("Contract periods, contracted headcount and regions covered."),
        "registry:contracts",
        "registry.view_contract",
    ),
    EntryPoint(
        "sites",
        _("Sites"),
        _("Base stations, machine rooms and campus networks under maintenance."),
        "registry:sites",
        "registry.view_site",
    ),
    EntryPoint(
        "site_visits",
        _("Site visit log"),
        _("Who entered which machine room or site, when, and what they did."),
        "workflows:site_access:log",
        visible=lambda user: may_see_visit_log(user),
    ),
    EntryPoint(
        "inspections_due",
        _("Inspections to do"),
        _("This month's planned inspections: fill in each site's checklist."),
        "workflows:inspection:due",
        visible=may_inspect,
    ),
    EntryPoint(
        "inspection_findings",
        _("Inspection findings"),
        _("What inspections found, its follow-up, and each plan's progress."),
        "workflows:inspection:findings",
        visible=may_see_inspections,
    ),
    EntryPoint(
        "assessments",
        _("Monthly assessments"),
        _(
            "Each month's score and grade, its deductions and objections; the "
            "quarterly payment figure."
        ),
        "workflows:assessment:list",
        visible=lambda user: _may_see_assessments(user),
    ),
    EntryPoint(
        "work_log",
        _("Work log"),
        _("File today's work log by its due time; urgent entries go up at once."),
        "workflows:obligations:logs",
        visible=may_file_logs,
    ),
    EntryPoint(
        "obligations",
        _("Obligations calendar"),
        _("Logs and reports due, done, late and missing, month by month."),
        "workflows:obligations:calendar",
        visible=may_oversee_obligations,
    ),
    EntryPoint(
        "policies",
        _("Policies"),
        _("The carrier's rules: staff, machine rooms, faults, upgrades, training."),
        "",
        page_type="home.PolicyIndexPage",
    ),
    EntryPoint(
        "training",
        _("My training"),
        _("Your modules, quizzes, certificates and training hours this year."),
        "training:mine",
        visible=may_learn,
    ),
    EntryPoint(
        "training_oversight",
        _("Training oversight"),
        _("Who has passed which module, who is not on duty yet and why."),
        "training:oversight",
        visible=may_oversee,
    ),
    EntryPoint(
        "training_sessions",
        _("Classroom sessions"),
        _("Record sessions and their attendees; see how they were rated."),
        "training:sessions",
        visible=may_record_sessions,
    ),
    EntryPoint(
        "ledgers",
        _("Ledgers"),
        _("Spare parts lent by the carrier, site keys and fixed assets."),
        "ledgers:parts",
        visible=may_view_ledgers,
    ),
    EntryPoint(
        "search",
        _("Search"),
        _("Find policies, requests, staff and sites, in Chinese or English."),
        "search:search",
    ),
    EntryPoint(
        "me",
        _("My account"),
        _("Your roles, your company and its 24h hotline, your staff record."),
        "registry:me",
    ),
    EntryPoint(
        "admin",
        _("Administration"),
        _("Edit master data, pages and settings in the CMS."),
        "wagtailadmin_home",
        "wagtailadmin.access_admin",
    ),
)


def _may_see_tickets(user) -> bool:
    from workflows.faults.selectors import may_see_tickets

    return may_see_tickets(user)


def _may_see_dashboards(user) -> bool:
    from dashboards.access import may_see_dashboards

    return may_see_dashboards(user)


def _may_see_assessments(user) -> bool:
    from workflows.assessment.selectors import may_see_assessments

    return may_see_assessments(user)


ENTRIES_BY_KEY = {entry.key: entry for entry in ENTRY_POINTS}


def entry_points_for(user) -> list[EntryPoint]:
    """The entry points ``user`` may open, in display order.

    Which ones, and their pages' URLs, are cached with the user's facts
    (``registry.facts``): they only decide which links show; every page checks
    its own rights.
    """
    if not user.is_authenticated:
        return []
    shown = user_fact(user, "entry_points", lambda: _entry_urls(user))
    return [
        _with_links(replace(ENTRIES_BY_KEY[key], page_url=url), user)
        for key, url in shown
    ]


def _entry_urls(user) -> list[tuple[str, str]]:
    """(key, page URL or "") of each entry point ``user`` may open."""
    permitted = [
        entry
        for entry in ENTRY_POINTS
        if (entry.permission is None or user.has_perm(entry.permission))
        and (entry.visible is None or entry.visible(user))
    ]
    urls = _page_urls({entry.page_type for entry in permitted} - {None})
    return [
        (entry.key, urls.get(entry.page_type, ""))
        for entry in permitted
        if entry.page_type is None or entry.page_type in urls
    ]


def _page_urls(page_types: set[str]) -> dict[str, str]:
    """The URL of the first live page of each type, read in one query."""
    if not page_types:
        return {}
    models = {apps.get_model(name): name for name in page_types}
    types = {
        content_type.pk: models[model]
        for model, content_type in _content_types(models).items()
    }
    pages = Page.objects.live().filter(content_type__in=types).order_by("path")
    urls: dict[str, str] = {}
    for page in pages.only("url_path", "content_type"):
        name = types[page.content_type_id]
        if name not in urls and (url := page.get_url()):
            urls[name] = url
    return urls


def _content_types(models) -> dict:
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_models(*models)


def _with_links(entry: EntryPoint, user) -> EntryPoint:
    """``entry`` with its children (read lazily, for this request's user)."""
    if entry.children is None:
        return entry
    children = entry.children
    return replace(entry, links=SimpleLazyObject(lambda: children(user)))
