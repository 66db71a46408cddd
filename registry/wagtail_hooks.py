"""Master data in the Wagtail admin: searchable, filterable, scoped per company."""

from functools import wraps

from django.contrib.admin.utils import unquote
from django.http import Http404
from django.urls import path, reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import selectors
from .calendar_admin import CalendarDayViewSet, CalendarYearViewSet, missing_years_panel
from .imports.rules import import_kinds_for
from .imports.views import AdminImportRunView, AdminImportView, admin_import_start
from .models import Company, Contract, Region, Site, StaffMember


class ScopedPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, and only on rows of the user's scope (bulk actions)."""

    def __init__(self, model, selector):
        super().__init__(model)
        self.selector = selector

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.selector(user).filter(pk=instance.pk).exists():
            return False
        return super().user_has_permission_for_instance(user, action, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        rows = super().instances_user_has_any_permission_for(user, actions)
        return rows.filter(pk__in=self.selector(user).values("pk"))


class ScopedSnippetViewSet(SnippetViewSet):
    """Lists only the rows the user's selector allows (ORM search: Chinese works)."""

    selector = None
    search_backend_name = None
    add_to_admin_menu = False

    def get_queryset(self, request):
        return type(self).selector(request.user)

    def construct_view(self, view_class, **kwargs):
        """Every view of one row (edit, delete, history, usage...) 404s outside
        the user's scope, like the list; bulk actions read the policy below."""
        view = super().construct_view(view_class, **kwargs)
        selector = type(self).selector

        @wraps(view)
        def scoped(request, *args, **view_kwargs):
            pk = view_kwargs.get("pk")
            if (
                pk is not None
                and not selector(request.user).filter(pk=unquote(str(pk))).exists()
            ):
                raise Http404
            return view(request, *args, **view_kwargs)

        return scoped


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
    search_fields = ["number", "title", "title_en", "company__name_zh"]


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


for scoped in (CompanyViewSet, ContractViewSet, SiteViewSet, StaffMemberViewSet):
    register_permission_policy(
        scoped.model, ScopedPermissionPolicy(scoped.model, scoped.selector)
    )


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


@hooks.register("register_admin_urls")
def register_import_urls():
    return [
        path("registry/import/", admin_import_start, name="registry_import_start"),
        path(
            "registry/import/<slug:kind>/",
            AdminImportView.as_view(),
            name="registry_import",
        ),
        path(
            "registry/import/<slug:kind>/runs/<int:pk>/",
            AdminImportRunView.as_view(),
            name="registry_import_run",
        ),
    ]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return bool(import_kinds_for(request.user))


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportMenuItem(
        _("Import master data"),
        reverse_lazy("registry_import_start"),
        icon_name="download",
        order=810,
    )
