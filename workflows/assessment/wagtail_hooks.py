"""The admin's action to draft a given month's assessments (idempotent)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import path, reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from workflows.steps import user_holds

from .services import month_draft
from .steps import DECIDE

DRAFTED = _("%(month)s: %(made)s drafted, %(kept)s already there.")


class MonthForm(forms.Form):
    month = forms.DateField(
        label=_("Month"),
        input_formats=["%Y-%m"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
    )


def draft_month(request):
    if not user_holds(request.user, DECIDE):
        raise PermissionDenied
    form = MonthForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        month = form.cleaned_data["month"]
        try:
            results = month_draft(month=month, user=request.user)
        except ValidationError as error:
            form.add_error("month", error)
        else:
            made = sum(created for _a, created in results)
            values = {"month": f"{month:%Y-%m}", "made": made}
            messages.success(request, DRAFTED % {**values, "kept": len(results) - made})
            return redirect("assessment_draft")
    return render(request, "assessment/admin_draft.html", {"form": form})


@hooks.register("register_admin_urls")
def register_draft_urls():
    return [path("assessments/draft/", draft_month, name="assessment_draft")]


class DraftMenuItem(MenuItem):
    def is_shown(self, request):
        return user_holds(request.user, DECIDE)


@hooks.register("register_admin_menu_item")
def register_draft_menu_item():
    return DraftMenuItem(
        _("Draft assessments"),
        reverse_lazy("assessment_draft"),
        icon_name="date",
        order=812,
    )
