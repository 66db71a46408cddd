from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import act, flow

from workflows.locks import flow_lock

from . import services, views, visiting
from .models import SiteVisit
from .steps import SITE_OWNER


class SiteAccessFlow(flow.Flow):
    """机房出入: a contractor's visit to a machine room or site.

    The carrier's site owners (the group chosen in the CMS) approve or reject;
    a roster visitor not on duty blocks approval. On the day the filer checks
    the visitors in and out from a phone. A visit still open when its window
    ends is flagged overdue and its site owners are told (a non-interrupting
    timer on each on-site step, fired by ``workflow_timers``).
    """

    process_class = SiteVisit
    process_title = _("Site visit")
    lock_impl = flow_lock

    start = (
        flow.StartHandle(this.start_visit)
        .Annotation(title=_("File the visit"))
        .Next(this.approval)
    )
    approval = (
        flow.View(views.DecisionView.as_view())
        .Annotation(title=_("Site owner approval"))
        .Permission(SITE_OWNER.permission)
        .Next(this.after_approval)
    )
    after_approval = (
        flow.If(act.process.approved)
        .Annotation(title=_("Approved?"))
        .Then(this.check_in)
        .Else(this.rejected)
    )
    check_in = (
        flow.View(views.CheckInView.as_view())
        .Annotation(title=_("Check in"))
        .Assign(act.process.requester)
        .OnTimeout(
            this.window_end,
            this.flag_overdue,
            interrupting=False,
            title=_("Window over"),
        )
        .Next(this.check_out)
    )
    check_out = (
        flow.View(views.CheckOutView.as_view())
        .Annotation(title=_("Check out"))
        .Assign(act.process.requester)
        .OnTimeout(
            this.window_end,
            this.flag_overdue_out,
            interrupting=False,
            title=_("Window over"),
        )
        .Next(this.closed)
    )
    flag_overdue = (
        flow.Function(this.mark_overdue)
        .Annotation(title=_("Flag overdue"))
        .Next(this.overdue_told)
    )
    flag_overdue_out = (
        flow.Function(this.mark_overdue)
        .Annotation(title=_("Flag overdue"))
        .Next(this.overdue_told)
    )
    overdue_told = flow.End().Annotation(title=_("Site owner told"))
    closed = flow.End().Annotation(title=_("Closed"))
    rejected = flow.End().Annotation(title=_("Rejected"))

    def start_visit(self, activation, user, data):
        services.visit_fill(visit=activation.process, user=user, data=data)
        services.transition_record(
            request=activation.process, action="submitted", actor=user
        )
        return activation.process

    def window_end(self, activation):
        return visiting.window_end_of(activation.process)

    def mark_overdue(self, activation):
        visiting.overdue_flag(visit=activation.process, task=activation.task)
