from django import forms
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from registry.selectors import contracts_for_user
from workflows.forms import text_field
from workflows.services import transition_record
from workflows.views import TaskPageView

from . import services
from .forms import StaffChangeReviseForm
from .models import StaffChange
from .selectors import cap_usage_for


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), widget=forms.RadioSelect)
    comment = text_field(
        _("Comment"),
        required=False,
        help_text=_("Required when you reject, return, or approve an exception."),
    )

    def __init__(self, *args, exception_step: bool, **kwargs):
        super().__init__(*args, **kwargs)
        choices = StaffChange.Decision.choices
        if exception_step:
            choices = [c for c in choices if c[0] != StaffChange.Decision.RETURNED]
        self.fields["decision"].choices = choices


class DecisionView(TaskPageView):
    """Review, or decide on an exception above the cap."""

    form_class = DecisionForm

    def get_form_kwargs(self):
        exception_step = self.task.flow_task.name == "exception_review"
        return {**super().get_form_kwargs(), "exception_step": exception_step}

    def complete(self, form, activation):
        services.decision_record(
            change=activation.process,
            task=activation.task,
            user=self.request.user,
            decision=form.cleaned_data["decision"],
            comment=form.cleaned_data["comment"],
        )


class ReviseView(TaskPageView):
    """The requester edits a returned request as filed, and may add
    attachments; the cap is checked again.
    """

    form_class = StaffChangeReviseForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        kwargs["change"] = self.request_obj.coerced
        return kwargs

    def complete(self, form, activation):
        services.staff_change_revise(
            change=activation.process,
            user=self.request.user,
            data=form.to_input(),
            uploads=form.cleaned_data["new_attachments"],
        )
        transition_record(
            request=activation.process,
            action="resubmitted",
            actor=self.request.user,
            task=activation.task,
        )


@login_required
@require_safe
def cap_usage(request):
    """``?contract=&kind=&ins=&outs=[&exclude=]``: the cap as the form stands,
    from the rule the flow routes by (``cap_usage_for``), as JSON.
    """
    contract = get_object_or_404(
        contracts_for_user(request.user), pk=_number(request, "contract")
    )
    kind = request.GET.get("kind", "")
    if kind not in StaffChange.Kind.values:
        kind = StaffChange.Kind.ADD
    check = cap_usage_for(
        contract=contract,
        kind=kind,
        ins=_number(request, "ins"),
        outs=_number(request, "outs"),
        exclude_pk=_number(request, "exclude") or None,
    )
    return JsonResponse(
        {
            "requested": check.requested,
            "used": check.used,
            "allowed": check.allowed,
            "left": max(check.allowed - check.used - check.requested, 0),
            "within_cap": check.within_cap,
            "text": check.live_note,
        }
    )


def _number(request, name: str) -> int:
    value = request.GET.get(name, "")
    return min(int(value), 10_000) if value.isdigit() else 0
