"""The flow's task pages: the manager sends the objections, the carrier finalises."""

from workflows.views import TaskPageView

from . import services
from .forms import FinaliseForm, SendForm


class ObjectView(TaskPageView):
    """The contractor's manager sends the objections filed on the lines."""

    form_class = SendForm

    def complete(self, form, activation):
        services.objections_send(
            assessment=activation.process,
            task=activation.task,
            user=self.request.user,
        )


class FinaliseView(TaskPageView):
    """The carrier finalises once every objection is decided."""

    form_class = FinaliseForm

    def complete(self, form, activation):
        services.assessment_finalise(
            assessment=activation.process,
            task=activation.task,
            user=self.request.user,
        )
