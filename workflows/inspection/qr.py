"""QR codes on the sites: a printed label whose code opens the site's scan
page: report a fault there, its open tickets, and the engineer's due
inspection of the site this month.

The code holds the portal's address (``WAGTAILADMIN_BASE_URL``) of the scan
page of the site's stable ``qr_token``, never a month: a label printed once
keeps working, and the page picks the inspection due when it is scanned.
Drawn with ``segno`` (pure Python) as inline SVG, so a label page prints
without any image request.
"""

import segno
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_safe

from registry.calendar import local_today
from registry.selectors import company_of, sites_for_user

from .selectors import due_rows_for

LABEL_PERMISSION = "inspection.add_inspectionplan"  # the contractor's managers


def scan_url(site) -> str:
    """The absolute address a site's QR code encodes."""
    path = reverse("workflows:inspection:scan", args=[site.qr_token])
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def qr_svg(payload: str) -> str:
    """The QR code of ``payload`` as an inline SVG element."""
    code = segno.make(payload, error="m")
    return code.svg_inline(scale=4, border=2, title=payload)


@require_safe
@login_required
def scan(request, token):
    """What a phone's camera opens: the site's page — report a fault here (the
    dispatch form prefilled, for those who may dispatch), its open tickets
    (scoped to the user), and this month's due inspection to start."""
    from workflows.faults.selectors import tickets_for
    from workflows.faults.steps import DISPATCH

    site = get_object_or_404(sites_for_user(request.user), qr_token=token)
    row = None
    if company_of(request.user) is not None:
        rows = due_rows_for(request.user, today=local_today()).filter(site=site)
        row = rows.order_by("-month", "pk").first()  # this month's before a missed one
    tickets = tickets_for(request.user).filter(site=site, finished__isnull=True)
    context = {
        "site": site,
        "row": row,
        "tickets": list(tickets.order_by("-dispatched_at")[:20]),
        "may_report": request.user.has_perm(DISPATCH.permission),
    }
    return render(request, "inspection/scan_site.html", context)


def label_rows(sites) -> list[dict]:
    """Each site with the address its code encodes and the code as SVG."""
    return [
        {"site": site, "url": scan_url(site), "svg": mark_safe(qr_svg(scan_url(site)))}
        for site in sites
    ]


def _labels(request, sites):
    return render(request, "inspection/labels.html", {"labels": label_rows(sites)})


def _may_print(user) -> bool:
    return company_of(user) is not None and user.has_perm(LABEL_PERMISSION)


@require_safe
@login_required
def site_label(request, pk):
    site = get_object_or_404(sites_for_user(request.user), pk=pk)
    if not _may_print(request.user):
        raise PermissionDenied
    return _labels(request, [site])


@require_safe
@login_required
def company_labels(request):
    if not _may_print(request.user):
        raise PermissionDenied
    return _labels(request, sites_for_user(request.user).order_by("code"))
