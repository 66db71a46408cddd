"""Pages of the carrier's checks: the month's re-check samples, one re-check
on a phone (pass, or fail with a note and a photo), the yearly spot check."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Prefetch, Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import (
    require_http_methods,
    require_POST,
    require_safe,
)

from registry.roles import is_carrier

from . import checks
from .models import Recheck, SpotCheck
from .selectors import recheck_draws_for, spot_check_draws_for


class RecheckForm(forms.Form):
    result = forms.ChoiceField(
        label=_("Result"), choices=Recheck.Result.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when it failed: what was wrong."),
    )
    photo = forms.FileField(
        label=_("Photo"),
        required=False,
        help_text=_("Required when it failed."),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".png,.jpg", "capture": "environment"}
        ),
    )


RECHECKED = _("Re-check saved.")
SPOT_DONE = _("Spot check recorded.")
DRAWS_SHOWN = 24


def _carrier(request) -> None:
    if not is_carrier(request.user):
        raise PermissionDenied


def _rechecks():
    return Recheck.objects.select_related(
        "execution__row__site", "execution__row__template"
    )


@require_safe
@login_required
def recheck_list(request):
    _carrier(request)
    draws = recheck_draws_for(request.user).prefetch_related(
        Prefetch("rechecks", queryset=_rechecks())
    )[:DRAWS_SHOWN]
    return render(request, "inspection/rechecks.html", {"draws": draws})


def _recheck(request, pk) -> Recheck:
    draws = recheck_draws_for(request.user)
    return get_object_or_404(_rechecks().filter(draw__in=draws), pk=pk)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def recheck_page(request, pk):
    recheck = _recheck(request, pk)
    if request.method != "POST":
        form = RecheckForm()
    else:
        form = RecheckForm(request.POST, request.FILES)
        if form.is_valid() and _record(request, recheck, form):
            messages.success(request, RECHECKED)
            return redirect("workflows:inspection:rechecks")
    status = 422 if form.errors else 200
    context = {"recheck": recheck, "form": form, "may_check": is_carrier(request.user)}
    return render(request, "inspection/recheck.html", context, status=status)


def _record(request, recheck, form) -> bool:
    data = form.cleaned_data
    try:
        checks.recheck_record(
            recheck=recheck,
            user=request.user,
            passed=data["result"] == Recheck.Result.PASSED,
            note=data["note"],
            upload=data["photo"],
        )
    except ValidationError as error:
        form.add_error(None, error)
        return False
    return True


@require_safe
@login_required
def recheck_photo(request, pk):
    recheck = _recheck(request, pk)
    if not recheck.photo:
        raise Http404
    response = FileResponse(recheck.photo.open("rb"), as_attachment=False)
    response["Content-Security-Policy"] = "default-src 'none'"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_safe
@login_required
def spot_check_list(request):
    _carrier(request)
    spots = SpotCheck.objects.select_related("site", "done_by")
    draws = (
        spot_check_draws_for(request.user)
        .annotate(
            drawn=Count("sites"),
            done=Count("sites", filter=Q(sites__done_at__isnull=False)),
        )
        .prefetch_related(Prefetch("sites", queryset=spots))[:DRAWS_SHOWN]
    )
    return render(request, "inspection/spot_checks.html", {"draws": draws})


@require_POST
@login_required
def spot_check_done(request, pk):
    draws = spot_check_draws_for(request.user)
    spot = get_object_or_404(SpotCheck.objects.filter(draw__in=draws), pk=pk)
    checks.spot_check_done(
        spot=spot, user=request.user, note=request.POST.get("note", "")
    )
    messages.success(request, SPOT_DONE)
    return redirect("workflows:inspection:spot_checks")
