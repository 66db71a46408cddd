from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import act, flow

from workflows.locks import flow_lock

from . import reports, views
from .models import ObligationReport
from .steps import REVIEW


class ReportFlow(flow.Flow):
    """定期报告: a contractor's weekly, monthly, quarterly or annual report.

    The company's manager files it on the report's form page (fields an admin
    builds in the CMS, attachments); whether it came in time is decided at
    once from the CMS report rules. The carrier's maintenance managers receive
    it and accept it or return it with a comment; a returned report is
    answered and refiled.
    """

    process_class = ObligationReport
    process_title = _("Report")
    lock_impl = flow_lock

    start = (
        flow.StartHandle(this.start_report)
        .Annotation(title=_("File the report"))
        .Next(this.check_deadline)
    )
    check_deadline = (
        flow.Function(this.assess_deadline)
        .Annotation(title=_("Check the due day"))
        .Next(this.review)
    )
    review = (
        flow.View(views.DecisionView.as_view())
        .Annotation(title=_("Carrier review"))
        .Permission(REVIEW.permission)
        .Next(this.after_review)
    )
    after_review = (
        flow.If(act.process.accepted)
        .Annotation(title=_("Accepted?"))
        .Then(this.accepted)
        .Else(this.refile)
    )
    refile = (
        flow.View(views.RefileView.as_view())
        .Annotation(title=_("Answer and refile"))
        .Assign(act.process.requester)
        .Next(this.review)
    )
    accepted = flow.End().Annotation(title=_("Report accepted"))

    def start_report(self, activation, user, data):
        reports.report_fill(report=activation.process, user=user, data=data)
        reports.transition_record(
            request=activation.process, action="submitted", actor=user
        )
        return activation.process

    def assess_deadline(self, activation):
        reports.report_deadline_assess(report=activation.process, task=activation.task)
