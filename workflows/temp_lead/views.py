from django import forms
from django.utils.translation import gettext_lazy as _

from workflows.forms import text_field
from workflows.views import TaskPageView

from . import services


class AcknowledgeForm(forms.Form):
    comment = text_field(
        _("Comment"),
        required=False,
    )


class AcknowledgeView(TaskPageView):
    """The carrier takes note of the stand-in."""

    form_class = AcknowledgeForm

    def complete(self, form, activation):
        services.temp_lead_acknowledge(
            lead=activation.process,
            task=activation.task,
            user=self.request.user,
            comment=form.cleaned_data["comment"],
        )
