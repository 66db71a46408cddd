"""Master data in the Wagtail admin: searchable, filterable, scoped per company."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import selectors
from .calendar_admin import CalendarDayViewSet, CalendarYearViewSet, missing_years_panel
from .models import Company, Contract, Region, Site, StaffMember


class ScopedSnippetViewSet(SnippetViewSet):
    """Lists only the rows the user's selector allows (ORM search: Chinese works)."""

    selector = None
    search_backend_name = None
    add_to_admin_menu = False

    def get_queryset(self, request):
        return type(self).selector(request.user)


class CompanyViewSet(ScopedSnippetViewSet):
    model = Company
    icon = "group"
    selector = staticmethod(selectors.companies_for_user)
    list_display = ["code", "name_zh", "name_en", "hotline", "contact_name"]
    search_fields = ["code", "name_zh", "name_en", "contact_name"]


class RegionViewSet(SnippetViewSet):
    model = Region
    icon = "site"
    search_backend_name = None
    list_display = ["code", "name_zh", "name_en", "tier"]
    list_filter = ["tier"]
    search_fields = ["code", "name_zh", "name_en"]


class ContractViewSet(ScopedSnippetViewSet):
    model = Contract
    icon = "doc-full"
    selector = staticmethod(selectors.contracts_for_user)
    list_display = ["number", "company", "period_start", "period_end", "headcount"]
    list_filter = ["company", "period_start"]
    search_fields = ["number", "title", "company__name_zh"]


class SiteViewSet(ScopedSnippetViewSet):
    model = Site
    icon = "home"
    selector = staticmethod(selectors.sites_for_user)
    list_display = ["code", "name_zh", "kind", "region", "maintained_by"]
    list_filter = ["kind", "region", "maintained_by"]
    search_fields = ["code", "name_zh", "name_en", "address"]


class StaffMemberViewSet(ScopedSnippetViewSet):
    model = StaffMember
    icon = "user"
    selector = staticmethod(selectors.staff_for_user)
    list_display = ["employee_no", "name", "company", "position", "status"]
    list_filter = ["company", "position", "status"]
    search_fields = ["employee_no", "name", "phone", "qualifications"]


class RegistryViewSetGroup(SnippetViewSetGroup):
    items = (
        CompanyViewSet,
        ContractViewSet,
        RegionViewSet,
        SiteViewSet,
        StaffMemberViewSet,
        CalendarDayViewSet,
        CalendarYearViewSet,
    )
    menu_icon = "folder-open-inverse"
    menu_label = _("Master data")
    menu_name = "registry"


register_snippet(RegistryViewSetGroup)


@hooks.register("construct_homepage_panels")
def add_working_calendar_warning(request, panels):
    panel = missing_years_panel(request.user)
    if panel is not None:
        panels.append(panel)
