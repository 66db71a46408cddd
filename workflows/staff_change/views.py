from django import forms
from django.utils.translation import gettext_lazy as _

from workflows.services import transition_record
from workflows.views import TaskPageView

from . import services
from .forms import StaffChangeForm, initial_from
from .models import StaffChange


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), widget=forms.RadioSelect)
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
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
    """The requester edits a returned request; the cap is checked again."""

    form_class = StaffChangeForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        kwargs["initial"] = initial_from(self.request_obj.coerced)
        return kwargs

    def complete(self, form, activation):
        services.staff_change_revise(
            change=activation.process, user=self.request.user, data=form.to_input()
        )
        transition_record(
            request=activation.process,
            action="resubmitted",
            actor=self.request.user,
            task=activation.task,
        )
