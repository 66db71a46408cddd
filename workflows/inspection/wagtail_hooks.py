"""The CMS prints a sheet of site QR labels per region (Master data → site
QR labels): a list of the regions, each opening its printable sheet."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from registry.models import Region
from registry.roles import is_carrier
from registry.selectors import sites_for_user

from .qr import label_rows

SHEET_PERMISSION = "registry.view_site"


def may_print_sheets(user) -> bool:
    """The carrier's admins who see the site register."""
    return is_carrier(user) and user.has_perm(SHEET_PERMISSION)


def region_sheets(request):
    if not may_print_sheets(request.user):
        raise PermissionDenied
    regions = Region.objects.order_by("code")
    return render(request, "inspection/admin/regions.html", {"regions": regions})


def region_sheet(request, pk):
    if not may_print_sheets(request.user):
        raise PermissionDenied
    region = get_object_or_404(Region, pk=pk)
    sites = sites_for_user(request.user).filter(region=region).order_by("code")
    context = {"labels": label_rows(sites), "region": region}
    return render(request, "inspection/labels.html", context)


@hooks.register("register_admin_urls")
def register_label_urls():
    return [
        path("qr-labels/", region_sheets, name="qr_label_regions"),
        path("qr-labels/<int:pk>/", region_sheet, name="qr_label_sheet"),
    ]


class SheetMenuItem(MenuItem):
    def is_shown(self, request):
        return may_print_sheets(request.user)


@hooks.register("register_admin_menu_item")
def register_label_menu_item():
    return SheetMenuItem(
        _("Site QR labels"),
        reverse_lazy("qr_label_regions"),
        icon_name="grip",
        order=812,
    )
