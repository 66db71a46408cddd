"""Pages of the obligations: the month's calendar, the work logs, the reports.
Each view stays thin: the reads are in ``selectors``/``month``, writes in
``services``."""

import re
from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_safe

from home.request_selectors import request_pages_for
from registry.calendar import local_today

from . import services
from .forms import EntryFormSet, LogDayForm, entry_inputs
from .month import month_obligations, month_range
from .selectors import (
    companies_for,
    log_entries_by_log,
    logs_for,
    may_see_obligations,
    reports_for,
)

FILED = _("Work log filed.")
PREVIOUS_MONTH = _("‹ Previous month")
NEXT_MONTH = _("Next month ›")
RECENT_LOGS = 50
ONE_DAY = timedelta(days=1)
# A company code as the registry stores one (a slug of at most 30).
COMPANY_CODE = re.compile(r"[-a-zA-Z0-9_]{1,30}")


def _company(request):
    """The company shown: the user's own, or the one a carrier user chose."""
    companies = companies_for(request.user)
    code = request.GET.get("company", "")
    if code:
        if not COMPANY_CODE.fullmatch(code):  # NUL, a list, a novel: no such company
            raise Http404
        return get_object_or_404(companies, code=code), companies
    company = companies.first()
    if company is None:
        raise PermissionDenied
    return company, companies


def _month(request):
    today = local_today()
    try:
        year, month = (int(x) for x in request.GET.get("month", "").split("-"))
        if not 2000 <= year <= 2100:
            raise ValueError(year)
        month_range(year, month)
    except (ValueError, OverflowError):
        year, month = today.year, today.month
    return year, month


@require_safe
@login_required
def calendar(request):
    if not may_see_obligations(request.user):
        raise PermissionDenied
    company, companies = _company(request)
    year, month = _month(request)
    start, end = month_range(year, month)
    days = month_obligations(
        company=company, year=year, month=month, now=timezone.now()
    )
    context = {
        "company": company,
        "companies": companies if companies.count() > 1 else None,
        "days": days,
        "month_start": start,
        # Buttons, not links: the months run on without end either way.
        "month_steps": (
            (f"{start - ONE_DAY:%Y-%m}", PREVIOUS_MONTH),
            (f"{end + ONE_DAY:%Y-%m}", NEXT_MONTH),
        ),
        "totals": _totals(days),
    }
    return render(request, "obligations/calendar.html", context)


def _totals(days) -> dict:
    totals = {"owed": 0, "on_time": 0, "late": 0, "missing": 0}
    for day in days:
        totals["owed"] += day.owed + len(day.reports)
        totals["on_time"] += day.on_time + sum(
            1 for r in day.reports if r.report is not None and not r.late
        )
        totals["late"] += day.late + sum(1 for r in day.reports if r.late)
        totals["missing"] += len(day.missing) + sum(
            1 for r in day.reports if r.state == "missing"
        )
    return totals


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def logs(request):
    if not may_see_obligations(request.user):
        raise PermissionDenied
    person = services.log_person(request.user)
    day_form, entries = _log_forms(request, person)
    if request.method == "POST":
        if person is None:
            raise PermissionDenied
        filed = _file(request, day_form, entries)
        if filed:
            messages.success(request, FILED)
            return redirect("workflows:obligations:logs")
    rows = list(
        logs_for(request.user)
        .select_related("person", "company")
        .order_by("-day", "person__name", "pk")[:RECENT_LOGS]
    )
    entries_of = log_entries_by_log([row.pk for row in rows])
    context = {
        "person": person,
        "day_form": day_form,
        "entries": entries,
        "rows": [(row, entries_of.get(row.pk, [])) for row in rows],
    }
    return render(request, "obligations/logs.html", context)


def _log_forms(request, person):
    if request.method == "POST" and person is not None:
        return LogDayForm(request.POST), EntryFormSet(request.POST, prefix="entry")
    return LogDayForm(initial={"day": local_today()}), EntryFormSet(prefix="entry")


def _file(request, day_form, entries) -> bool:
    if not (day_form.is_valid() and entries.is_valid()):
        return False
    try:
        services.log_file(
            user=request.user,
            day=day_form.cleaned_data["day"],
            entries=entry_inputs(entries),
        )
    except ValidationError as error:
        if hasattr(error, "error_dict") and "day" in error.error_dict:
            day_form.add_error("day", error.error_dict["day"])
        else:
            day_form.add_error(None, error)
        return False
    return True


@require_safe
@login_required
def log_detail(request, pk):
    log = get_object_or_404(
        logs_for(request.user).select_related("person", "company", "author"), pk=pk
    )
    entries = list(log.entries.all())
    return render(request, "obligations/log.html", {"log": log, "entries": entries})


@require_safe
@login_required
def report_list(request):
    if not may_see_obligations(request.user):
        raise PermissionDenied
    rows = list(
        reports_for(request.user)
        .select_related("company")
        .order_by("-period_start", "kind", "pk")[:100]
    )
    pages = [
        page
        for page in request_pages_for(request.user)
        if getattr(page, "kind", "").startswith("report_")
    ]
    return render(
        request, "obligations/reports.html", {"rows": rows, "form_pages": pages}
    )
