"""The entry points a user sees on the home page and in the header.

An entry shows when the user holds its permission (roles grant permissions, see
``portal/roles.py``). A later flow adds its entry here; every entry points at a
page that exists.
"""

from dataclasses import dataclass, replace

from django.apps import apps
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


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
        "policies",
        _("Policies"),
        _("The carrier's rules: staff, machine rooms, faults, upgrades, training."),
        "",
        page_type="home.PolicyIndexPage",
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


def entry_points_for(user) -> list[EntryPoint]:
    """The entry points ``user`` may open, in display order."""
    if not user.is_authenticated:
        return []
    permitted = [
        entry
        for entry in ENTRY_POINTS
        if entry.permission is None or user.has_perm(entry.permission)
    ]
    return [resolved for entry in permitted if (resolved := _resolved(entry))]


def _resolved(entry: EntryPoint) -> EntryPoint | None:
    """``entry`` with its page's URL filled in; None when its page is missing."""
    if entry.page_type is None:
        return entry
    model = apps.get_model(entry.page_type)
    page = model.objects.live().order_by("path").only("url_path").first()
    url = page.get_url() if page else None
    return replace(entry, page_url=url) if url else None
