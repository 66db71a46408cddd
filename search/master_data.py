"""Staff and sites as search sources: what the registry's pages show a user.

A user finds the rows their registry lists show them, through the same
permission and the same scoping selector: a contractor never matches another
company's names or phone numbers.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from registry import selectors

from .sources import Hit, SearchSource
from .text import fields_search


class RegistrySource(SearchSource):
    """The rows of one registry list: its permission, its selector, some columns."""

    permission: str
    fields: tuple[str, ...]

    @staticmethod
    def selector(user):
        raise NotImplementedError

    def results(self, *, user, query: str):
        rows = type(self).selector(user)
        if not user.has_perm(self.permission):
            return rows.none()
        return fields_search(rows, query, self.fields)


class StaffSource(RegistrySource):
    key = "staff"
    label = _("Staff")
    order = 30
    permission = selectors.VIEW_STAFF
    selector = staticmethod(selectors.staff_for_user)
    fields = ("name", "employee_no", "phone")

    def hit(self, obj, *, request=None) -> Hit:
        return Hit(
            kind=str(self.label),
            title=f"{obj.name} ({obj.employee_no})",
            url=reverse("registry:person", args=[obj.pk]),
            meta=" · ".join(
                (str(obj.company), obj.get_position_display(), obj.get_status_display())
            ),
        )


class SiteSource(RegistrySource):
    key = "sites"
    label = _("Site")
    order = 40
    permission = selectors.VIEW_SITES
    selector = staticmethod(selectors.sites_for_user)
    fields = ("code", "name_zh", "name_en", "address")

    def hit(self, obj, *, request=None) -> Hit:
        return Hit(
            kind=str(self.label),
            title=f"{obj.code} {obj.name}",
            url=reverse("registry:site", args=[obj.code]),
            summary=obj.address,
            meta=" · ".join(
                (obj.get_kind_display(), str(obj.region), str(obj.maintained_by))
            ),
        )
