"""Pages of inspections on a phone: due list, the checklist item by item,
findings and their follow-up, and the plan's progress. Each view stays thin."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST, require_safe

from registry.calendar import local_today
from registry.selectors import company_of
from workflows.presence.forms import location_from

from . import execution as service
from . import findings as follow
from .models import Answer
from .progress import progress_table
from .selectors import (
    due_rows_for,
    findings_for,
    findings_to_rectify,
    may_see_inspections,
    rows_for,
)

SAVED = _("Saved: %(item)s.")
SUBMITTED = _("Inspection submitted.")
FINDING_ADDED = _("Finding added.")
FOLLOWED_UP = _("Follow-up saved.")
TICKET_OPENED = _("Fault ticket %(reference)s opened.")


def _message(error: ValidationError) -> str:
    return " ".join(error.messages)


def _wants_json(request) -> bool:
    return request.headers.get("Accept", "").startswith("application/json")


@require_safe
@login_required
def due_list(request):
    if company_of(request.user) is None:
        raise PermissionDenied
    today = local_today()
    rows = list(due_rows_for(request.user, today=today))
    to_rectify = list(findings_to_rectify(request.user))
    for finding in to_rectify:
        finding.overdue = finding.overdue_on(today)
    context = {
        "rows": rows,
        "this_month": today.month,
        "to_rectify": to_rectify,
        "may_print": request.user.has_perm("inspection.add_inspectionplan"),
    }
    return render(request, "inspection/due.html", context)


def _row(request, pk):
    return get_object_or_404(rows_for(request.user), pk=pk)


@require_safe
@login_required
def execution_page(request, pk):
    row = _row(request, pk)
    execution = getattr(row, "execution", None)
    revision = execution.template_revision_id if execution else None
    items = service.items_of(revision or row.template.live_revision_id)
    answers = {}
    findings = []
    if execution is not None:
        answers = {a.item_key: a for a in execution.answers.all()}
        findings = list(execution.findings.all())
    context = {
        "row": row,
        "execution": execution,
        "items": [(item, answers.get(item.key)) for item in items],
        "findings": findings,
        "may_edit": (execution is None or execution.submitted_at is None)
        and service.may_execute(user=request.user, row=row),
    }
    return render(request, "inspection/execute.html", context)


def _back(row, anchor=""):
    url = reverse("workflows:inspection:execute", args=[row.pk])
    return redirect(f"{url}#{anchor}" if anchor else url)


@require_POST
@login_required
def item_save(request, pk, key):
    row = _row(request, pk)
    try:
        answer, finding = service.answer_save(
            row=row,
            user=request.user,
            key=key,
            raw=request.POST.get("value", ""),
            upload=request.FILES.get("photo"),
            location=location_from(request.POST),
        )
    except ValidationError as error:
        if _wants_json(request):
            return JsonResponse({"ok": False, "error": _message(error)}, status=422)
        messages.error(request, _message(error))
        return _back(row, f"item-{key}")
    if _wants_json(request):
        text = finding.text if finding else ""
        return JsonResponse({"ok": True, "finding": text})
    messages.success(request, SAVED % {"item": key})
    return _back(row, f"item-{key}")


@require_POST
@login_required
def execution_submit(request, pk):
    row = _row(request, pk)
    try:
        service.execution_submit(row=row, user=request.user)
    except ValidationError as error:
        messages.error(request, _message(error))
        return _back(row)
    messages.success(request, SUBMITTED)
    return redirect("workflows:inspection:due")


@require_POST
@login_required
def finding_add(request, pk):
    row = _row(request, pk)
    try:
        service.finding_add(
            row=row, user=request.user, description=request.POST.get("description", "")
        )
    except ValidationError as error:
        messages.error(request, _message(error))
    else:
        messages.success(request, FINDING_ADDED)
    return _back(row, "findings")


@require_safe
@login_required
def photo(request, pk, key):
    row = _row(request, pk)
    answer = Answer.objects.filter(execution__row=row, item_key=key).first()
    # ``?original``: the photo as taken, before its watermark.
    wanted = "photo_original" if "original" in request.GET else "photo"
    file = getattr(answer, wanted) if answer is not None else None
    if not file:
        raise Http404
    response = FileResponse(file.open("rb"), as_attachment=False)
    response["Content-Security-Policy"] = "default-src 'none'"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_POST
@login_required
def follow_up(request, pk):
    finding = get_object_or_404(findings_for(request.user), pk=pk)
    day = request.POST.get("due_date") or None
    try:
        follow.finding_follow_up(
            finding=finding,
            user=request.user,
            follow_up=request.POST.get("follow_up", ""),
            note=request.POST.get("note", ""),
            due_date=follow.parse_day(day),
            photo=request.FILES.get("photo"),
        )
    except ValidationError as error:
        messages.error(request, _message(error))
    else:
        messages.success(request, FOLLOWED_UP)
    return redirect("workflows:inspection:findings")


@require_safe
@login_required
def finding_photo(request, pk):
    finding = get_object_or_404(findings_for(request.user), pk=pk)
    if not finding.photo:
        raise Http404
    response = FileResponse(finding.photo.open("rb"), as_attachment=False)
    response["Content-Security-Policy"] = "default-src 'none'"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_POST
@login_required
def finding_ticket(request, pk):
    finding = get_object_or_404(findings_for(request.user), pk=pk)
    try:
        ticket = follow.finding_ticket_open(
            finding=finding,
            user=request.user,
            level=_int(request.POST.get("level"), 0, 1, 9),
            mode=request.POST.get("mode", ""),
        )
    except ValidationError as error:
        messages.error(request, _message(error))
        return redirect("workflows:inspection:findings")
    messages.success(request, TICKET_OPENED % {"reference": ticket.reference})
    return redirect("workflows:request", ticket.pk)


@require_safe
@login_required
def progress(request):
    user = request.user
    if not may_see_inspections(user):
        raise PermissionDenied
    today = local_today()
    year = _int(request.GET.get("year"), today.year, 2000, 2100)
    table = progress_table(user=user, year=year, today=today)
    return render(request, "inspection/progress.html", {"table": table, "year": year})


def _int(value, default, low, high):
    return (
        int(value)
        if value and value.isdigit() and low <= int(value) <= high
        else default
    )
