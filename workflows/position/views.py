from django import forms
from django.utils.translation import gettext_lazy as _

from workflows.forms import text_field
from workflows.views import TaskPageView

from . import services
from .models import PositionChange


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=PositionChange.Decision.choices,
        widget=forms.RadioSelect,
    )
    comment = text_field(
        _("Comment"),
        required=False,
        help_text=_("Required when you reject."),
    )


class DecisionView(TaskPageView):
    """The company's or the carrier's approval of a position change."""

    form_class = DecisionForm

    def complete(self, form, activation):
        services.decision_record(
            change=activation.process,
            task=activation.task,
            user=self.request.user,
            decision=form.cleaned_data["decision"],
            comment=form.cleaned_data["comment"],
        )
