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


class StaffSource(SearchSource):
    key = "staff"
    label = _("Staff")
    order = 30
    fields = ("name", "employee_no", "phone")

    def results(self, *, user, query: str):
        if not user.has_perm(selectors.VIEW_STAFF):
            return selectors.staff_for_user(user).none()
        return fields_search(selectors.staff_for_user(user), query, self.fields)

    def hit(self, obj, *, request=None) -> Hit:
        return Hit(
            kind=str(self.label),
            title=f"{obj.name} ({obj.employee_no})",
            url=reverse("registry:person", args=[obj.pk]),
            meta=" · ".join(
                (str(obj.company), obj.get_position_display(), obj.get_status_display())
            ),
        )


class SiteSource(SearchSource):
    key = "sites"
    label = _("Site")
    order = 40
    fields = ("code", "name_zh", "name_en", "address")

    def results(self, *, user, query: str):
        if not user.has_perm(selectors.VIEW_SITES):
            return selectors.sites_for_user(user).none()
        return fields_search(selectors.sites_for_user(user), query, self.fields)

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
