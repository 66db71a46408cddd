"""The entry points a user sees on the home page and in the header.

An entry shows when the user holds its permission (roles grant permissions, see
``portal/roles.py``). A later flow adds its entry here; every entry points at a
page that exists.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class EntryPoint:
    key: str
    label: str
    description: str
    url_name: str
    permission: str | None = None

    @property
    def url(self) -> str:
        return reverse(self.url_name)


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
    return [
        entry
        for entry in ENTRY_POINTS
        if entry.permission is None or user.has_perm(entry.permission)
    ]
