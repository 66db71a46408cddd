"""Read-only portal pages over master data, always through the scoping selectors."""

from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.views.generic import DetailView, ListView, TemplateView

from . import selectors
from .calendar import local_today
from .exports import FORMATS, export_response, resource_rows
from .imports.rules import export_allowed
from .models import Site, StaffMember
from .panels import panels_for
from .roles import Role, is_carrier, roles_of


class ScopedListView(PermissionRequiredMixin, ListView):
    """A paginated list of rows the user may see, with a free-text filter.

    The permission says whether the user may open the list at all; the selector
    says which rows (their company's, or all for carrier users).
    """

    paginate_by = 50
    selector = None
    search_fields: tuple[str, ...] = ()
    # The resource kind (registry.resources.RESOURCES) of ``?export=xlsx|csv``.
    export_kind: str | None = None

    def get(self, request, *args, **kwargs):
        export_format = request.GET.get("export")
        if export_format is None:
            return super().get(request, *args, **kwargs)
        if export_format not in FORMATS or self.export_kind is None:
            raise Http404
        if not export_allowed(user=request.user, kind=self.export_kind):
            raise PermissionDenied
        from .resources import RESOURCES

        resource = RESOURCES[self.export_kind]()
        return export_response(
            headers=resource.get_export_headers(),
            rows=resource_rows(resource, self.get_queryset()),
            export_format=export_format,
            name=self.export_kind,
            request=request,
        )

    def export_links(self) -> list[tuple[str, str]]:
        """``(format, address)`` of each download of this list as filtered."""
        if self.export_kind is None or not export_allowed(
            user=self.request.user, kind=self.export_kind
        ):
            return []
        links = []
        for export_format in FORMATS:
            query = self.request.GET.copy()
            query.pop("page", None)
            query["export"] = export_format
            links.append((export_format.upper(), f"?{query.urlencode()}"))
        return links

    def get_queryset(self):
        queryset = type(self).selector(self.request.user)
        term = self.request.GET.get("q", "").strip()
        if term:
            match = Q()
            for field in self.search_fields:
                match |= Q(**{f"{field}__icontains": term})
            queryset = queryset.filter(match)
        return queryset

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            q=self.request.GET.get("q", ""),
            show_company=is_carrier(self.request.user),
            export_links=self.export_links(),
            **kwargs,
        )


class StaffListView(ScopedListView):
    template_name = "registry/staff_list.html"
    permission_required = selectors.VIEW_STAFF
    selector = staticmethod(selectors.staff_for_user)
    search_fields = ("name", "employee_no", "company__name_zh", "qualifications")
    export_kind = "staff"

    def get_queryset(self):
        queryset = super().get_queryset()
        status = self.request.GET.get("status")
        if status in StaffMember.Status.values:
            queryset = queryset.filter(status=status)
        return queryset

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            statuses=StaffMember.Status.choices,
            status=self.request.GET.get("status", ""),
            **kwargs,
        )


class ContractListView(ScopedListView):
    template_name = "registry/contract_list.html"
    permission_required = "registry.view_contract"
    search_fields = (
        "number",
        "title",
        "title_en",
        "company__name_zh",
        "company__name_en",
    )
    export_kind = "contracts"

    @staticmethod
    def selector(user):
        return selectors.contracts_for_user(user).prefetch_related("regions")


class SiteListView(ScopedListView):
    template_name = "registry/site_list.html"
    permission_required = selectors.VIEW_SITES
    selector = staticmethod(selectors.sites_for_user)
    search_fields = ("code", "name_zh", "name_en", "address", "region__name_zh")
    export_kind = "sites"


class ScopedDetailView(PermissionRequiredMixin, DetailView):
    """One row of the list the user may open; another company's row is a 404.

    Below its facts come the panels other apps registered for the model (a
    site's open requests, a person's requests), a page of rows each.
    """

    selector = None
    panel_page_size = 10

    def get_queryset(self):
        return type(self).selector(self.request.user)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            panels=self.panel_pages(),
            show_company=is_carrier(self.request.user),
            **kwargs,
        )

    def panel_pages(self) -> list[dict]:
        pages = []
        for panel in panels_for(self.model):
            param = f"{panel.key}_page"
            rows = panel.rows(self.object, user=self.request.user)
            paginator = Paginator(rows, self.panel_page_size)
            page = paginator.get_page(self.request.GET.get(param))
            pages.append({"panel": panel, "page": page, "param": param})
        return pages


class StaffDetailView(ScopedDetailView):
    model = StaffMember
    template_name = "registry/staff_detail.html"
    context_object_name = "person"
    permission_required = selectors.VIEW_STAFF
    selector = staticmethod(selectors.staff_for_user)

    def get_context_data(self, **kwargs):
        expiry = self.object.certificate_expiry
        expired = expiry is not None and expiry < local_today()
        return super().get_context_data(certificate_expired=expired, **kwargs)


class SiteDetailView(ScopedDetailView):
    model = Site
    template_name = "registry/site_detail.html"
    context_object_name = "site"
    slug_field = slug_url_kwarg = "code"
    permission_required = selectors.VIEW_SITES
    selector = staticmethod(selectors.sites_for_user)


class MeView(LoginRequiredMixin, TemplateView):
    template_name = "registry/me.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        staff = selectors.staff_for_user(user).filter(user=user).first()
        roles = [Role(value).label for value in sorted(roles_of(user))]
        return super().get_context_data(staff=staff, roles=roles, **kwargs)
