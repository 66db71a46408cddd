from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow

from workflows.locks import flow_lock
from workflows.steps import request_company

from . import services, views
from .models import Assessment
from .steps import DECIDE, OBJECT


class AssessmentFlow(flow.Flow):
    """月度考核: a contractor's score for one month, from the flows' events.

    Drafted when the month has ended, with a line for every deduction event
    the collectors find. The company's manager may object to lines until the
    CMS window of working days closes (sending them early, or the timer closes
    the window); the carrier decides each objection and finalises, recording
    the score, the grade and the rule revisions used.
    """

    process_class = Assessment
    process_title = _("Monthly assessment")
    lock_impl = flow_lock

    start = (
        flow.StartHandle(this.start_draft)
        .Annotation(title=_("Draft"))
        .Next(this.objections)
    )
    objections = (
        flow.View(views.ObjectView.as_view())
        .Annotation(title=_("Objections"))
        .Permission(OBJECT.permission, obj=request_company)
        .OnTimeout(this.window_end, this.close_window)
        .Next(this.decide)
    )
    close_window = (
        flow.Function(this.window_closed)
        .Annotation(title=_("Objection window closed"))
        .Next(this.decide)
    )
    decide = (
        flow.View(views.FinaliseView.as_view())
        .Annotation(title=_("Decide and finalise"))
        .Permission(DECIDE.permission)
        .Next(this.final)
    )
    final = flow.End().Annotation(title=_("Final"))

    def start_draft(self, activation, user, data):
        services.draft_fill(assessment=activation.process, user=user, data=data)
        return activation.process

    def window_end(self, activation):
        return activation.process.window_closes_at

    def window_closed(self, activation):
        services.window_close(assessment=activation.process, task=activation.task)
