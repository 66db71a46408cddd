"""The dashboard page, its data answer (JSON, refetched live) and each
panel's table as XLSX. Thin: the filters make a scope, the panels answer."""

import tablib
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from registry.exports import export_response
from registry.spreadsheets import XLSX

from .access import may_see_dashboards
from .filters import DashboardFilterSet
from .registry import panel_of
from .selectors import dashboard_answer, panel_answer, scope_for, table_cells


def _filtered(request):
    """The filters and the scope they give; another company's pk is a 404."""
    if not may_see_dashboards(request.user):
        raise PermissionDenied
    filters = DashboardFilterSet(request.GET or None, user=request.user)
    if filters.company_refused():
        raise Http404
    return filters, scope_for(user=request.user, **filters.values())


@require_safe
@login_required
def dashboard(request):
    filters, scope = _filtered(request)
    answers = dashboard_answer(scope)
    context = {
        "filters": filters,
        "scope": scope,
        "panels": [answer | {"cells": table_cells(answer)} for answer in answers],
        "answers": answers,
        "only_company": next(iter(scope.companies.values()))
        if len(scope.companies) == 1
        else None,
        "query": request.GET.urlencode(),
        "companies": ",".join(map(str, scope.company_ids)),
    }
    return render(request, "dashboards/index.html", context)


@require_safe
@login_required
def dashboard_data(request):
    _filters, scope = _filtered(request)
    return JsonResponse({"panels": dashboard_answer(scope)})


def panel_dataset(answer: dict) -> tablib.Dataset:
    """The panel's table as a spreadsheet: the same headings and numbers."""
    columns = answer["columns"]
    dataset = tablib.Dataset(headers=[column["label"] for column in columns])
    for row in answer["rows"]:
        dataset.append(
            ["" if row[c["key"]] is None else row[c["key"]] for c in columns]
        )
    return dataset


@require_safe
@login_required
def panel_export(request, key):
    panel = panel_of(key)
    if panel is None:
        raise Http404
    _filters, scope = _filtered(request)
    answer = panel_answer(panel, scope)
    return export_response(
        dataset=panel_dataset(answer), export_format=XLSX, name=f"dashboard-{key}"
    )
