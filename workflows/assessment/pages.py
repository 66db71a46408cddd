"""Pages of the monthly assessments: the list, one month, objections and
decisions on its lines, events entered by hand, the quarterly payment figure."""

import os

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import (
    require_http_methods,
    require_POST,
    require_safe,
)

from home.models import AssessmentGrade
from home.rules import current_rules
from registry.calendar import local_today
from workflows.steps import user_holds

from . import objections, rules
from .forms import DecisionForm, ManualForm, ObjectionForm, PaymentForm
from .models import Assessment, AssessmentLine
from .selectors import (
    assessments_for_user,
    companies_for_user,
    lines_of,
    manual_entries_for,
    may_see_assessments,
    payment_for,
)
from .steps import DECIDE, OBJECT

OBJECTED = _("Objection filed.")
DECIDED = _("Objection decided.")
ADDED = _("Deduction entered.")
PER_PAGE = 50


@require_safe
@login_required
def assessment_list(request):
    if not may_see_assessments(request.user):
        raise PermissionDenied
    rows = assessments_for_user(request.user).order_by("-month", "contractor__code")
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    may_enter = user_holds(request.user, DECIDE)
    context = {"page": page, "may_enter": may_enter, **labels()}
    return render(request, "assessment/list.html", context)


def _assessment(request, pk):
    return get_object_or_404(assessments_for_user(request.user), pk=pk)


def labels() -> dict:
    return {
        "grade_labels": {g.value: str(g.label) for g in AssessmentGrade},
        "state_labels": {s.value: str(s.label) for s in Assessment.State},
    }


def _page_context(request, assessment, failed=None) -> dict:
    """The page of one month; ``failed``: (line pk, the bound form that failed)."""
    lines = lines_of(assessment)
    scored = rules.score_events(
        events=[line.event for line in lines if line.counted], rules=current_rules()
    )
    user = request.user
    task = objections.open_task(assessment, "objections")
    may_object = task is not None and user_holds(
        user, OBJECT, company=assessment.contractor
    )
    task = task or objections.open_task(assessment, "decide")
    may_decide = task is not None and task.flow_task.name == "decide"
    may_decide = may_decide and user_holds(user, DECIDE)
    for line in lines:
        prefix = f"line{line.pk}"
        line.objection_form = ObjectionForm(prefix=prefix)
        line.decision_form = DecisionForm(prefix=prefix)
        if failed and failed[0] == line.pk:
            setattr(line, failed[1], failed[2])
    return {
        "assessment": assessment,
        "lines": lines,
        "totals": scored.totals,
        "may_object": may_object,
        "may_decide": may_decide,
        "open_task": task,
        **labels(),
    }


@require_safe
@login_required
def assessment_page(request, pk):
    assessment = _assessment(request, pk)
    context = _page_context(request, assessment)
    return render(request, "assessment/page.html", context)


def _line(request, pk, line_pk) -> tuple:
    assessment = _assessment(request, pk)
    line = get_object_or_404(AssessmentLine, pk=line_pk, assessment=assessment)
    return assessment, line


def _back(assessment, line=None):
    url = reverse("workflows:assessment:page", args=[assessment.pk])
    return redirect(f"{url}#line-{line.pk}" if line else url)


def _invalid(request, assessment, line, name, form):
    # Shown at the top too: the line's form may be gone (the window closed).
    for error in form.non_field_errors():
        messages.error(request, error)
    context = _page_context(request, assessment, failed=(line.pk, name, form))
    return render(request, "assessment/page.html", context, status=400)


@require_POST
@login_required
def line_object(request, pk, line_pk):
    assessment, line = _line(request, pk, line_pk)
    form = ObjectionForm(request.POST, request.FILES, prefix=f"line{line.pk}")
    if form.is_valid():
        try:
            objections.line_object(
                line=line,
                user=request.user,
                reason=form.cleaned_data["reason"],
                evidence=form.cleaned_data["evidence"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, OBJECTED)
            return _back(assessment, line)
    return _invalid(request, assessment, line, "objection_form", form)


@require_POST
@login_required
def line_decide(request, pk, line_pk):
    assessment, line = _line(request, pk, line_pk)
    form = DecisionForm(request.POST, prefix=f"line{line.pk}")
    if form.is_valid():
        try:
            objections.line_decide(line=line, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, DECIDED)
            return _back(assessment, line)
    return _invalid(request, assessment, line, "decision_form", form)


def _download(field):
    if not field:
        raise Http404
    name = os.path.basename(field.name)
    response = FileResponse(field.open("rb"), as_attachment=True, filename=name)
    response["Content-Security-Policy"] = "default-src 'none'"
    response["X-Content-Type-Options"] = "nosniff"
    patch_cache_control(response, private=True)
    return response


@require_safe
@login_required
def line_evidence(request, pk, line_pk):
    _assessment_obj, line = _line(request, pk, line_pk)
    return _download(line.objection_evidence)


@require_safe
@login_required
def manual_evidence(request, pk):
    entry = get_object_or_404(manual_entries_for(request.user), pk=pk)
    return _download(entry.evidence)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def manual(request):
    if not user_holds(request.user, DECIDE):
        raise PermissionDenied
    companies = companies_for_user(request.user)
    form = ManualForm(request.POST or None, request.FILES or None, companies=companies)
    if request.method == "POST" and form.is_valid():
        try:
            objections.manual_add(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, ADDED)
            return redirect("workflows:assessment:manual")
    entries = manual_entries_for(request.user)[:PER_PAGE]
    return render(request, "assessment/manual.html", {"form": form, "entries": entries})


@require_safe
@login_required
def payment(request):
    if not may_see_assessments(request.user):
        raise PermissionDenied
    companies = companies_for_user(request.user)
    year, quarter = rules.previous_quarter(local_today())
    initial = {"company": companies.first(), "year": year, "quarter": quarter}
    form = PaymentForm(request.GET or initial, companies=companies)
    figure = contract = None
    months = []
    if form.is_valid():
        figure, contract = payment_for(**form.cleaned_data)
        months = [
            (month, score, AssessmentGrade(grade).label if grade else "", final)
            for month, score, grade, final in figure.months
        ]
    context = {"form": form, "figure": figure, "contract": contract, "months": months}
    return render(request, "assessment/payment.html", context)
