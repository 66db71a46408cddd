"""Task pages of the report flow: the carrier's review, the filer's refile."""

from django import forms
from django.utils.translation import gettext_lazy as _

from home.request_fields import validate_attachment
from workflows.forms import text_field
from workflows.views import TaskPageView

from . import reports
from .models import ObligationReport


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=ObligationReport.Decision.choices,
        widget=forms.RadioSelect,
    )
    comment = text_field(
        _("Comment"), required=False, help_text=_("Required when you return it.")
    )


class RefileForm(forms.Form):
    comment = text_field(_("What you changed"))
    attachment = forms.FileField(
        label=_("Corrected file"),
        required=False,
        validators=[validate_attachment],
        help_text=_("Optional: the corrected report or its annex."),
    )


class DecisionView(TaskPageView):
    """The carrier accepts a report or returns it."""

    form_class = DecisionForm

    def complete(self, form, activation):
        reports.report_decide(
            report=activation.process,
            task=activation.task,
            user=self.request.user,
            decision=form.cleaned_data["decision"],
            comment=form.cleaned_data["comment"],
        )


class RefileView(TaskPageView):
    """The filer answers a returned report and files it again."""

    form_class = RefileForm

    def complete(self, form, activation):
        reports.report_refile(
            report=activation.process,
            task=activation.task,
            user=self.request.user,
            comment=form.cleaned_data["comment"],
            upload=form.cleaned_data.get("attachment"),
        )
