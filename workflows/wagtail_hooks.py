"""The admin's request exports: each flow's requests as XLSX or CSV."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.urls import path, reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from registry.exports import FORMATS, export_response

from .catalog import flows
from .exports import flow_key, flow_of, request_exports_allowed, requests_dataset


def request_exports(request):
    """The flows with a download each; ``?flow=key&export=xlsx`` downloads."""
    if not request_exports_allowed(request.user):
        raise PermissionDenied
    key, export_format = request.GET.get("flow"), request.GET.get("export")
    if key is None:
        choices = [(flow_key(flow), flow.process_title) for flow in flows()]
        return render(
            request,
            "workflows/admin/exports.html",
            {"flows": choices, "formats": list(FORMATS)},
        )
    flow = flow_of(key)
    if flow is None or export_format not in FORMATS:
        raise Http404
    dataset = requests_dataset(user=request.user, flow=flow)
    return export_response(
        dataset=dataset,
        export_format=export_format,
        name=f"requests-{key}",
        request=request,
    )


@hooks.register("register_admin_urls")
def register_export_urls():
    return [path("requests/export/", request_exports, name="request_exports")]


class ExportMenuItem(MenuItem):
    def is_shown(self, request):
        return request_exports_allowed(request.user)


@hooks.register("register_admin_menu_item")
def register_export_menu_item():
    return ExportMenuItem(
        _("Export requests"),
        reverse_lazy("request_exports"),
        icon_name="download",
        order=811,
    )
