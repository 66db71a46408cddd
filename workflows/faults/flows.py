from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import act, flow

from workflows.locks import flow_lock
from workflows.steps import request_company

from . import escalation, services, views
from .models import FaultTicket
from .steps import ACCEPT, CONFIRM

# The titles of the SLA clock's timers on each step (viewflow would name them
# "Accept Timeout" and so on, in English).
WARNING_TIMER = _("Early warning time")
LIMIT_TIMER = _("SLA limit")


class FaultFlow(flow.Flow):
    """故障工单: the monitoring centre dispatches, the contractor restores.

    An engineer of the site's company accepts the ticket; on an on-site
    ticket they record their arrival (到场: the time and, with consent, the
    phone's position against the site's, ``workflows.presence``); then they
    restore the fault (cause and measures) against the SLA limit read from
    the CMS at dispatch; level 1 and 2 faults need a fault report. The
    carrier admin confirms or sends it back for more work. While the fault is
    open the SLA clock runs on its own: a non-interrupting timer warns at the
    CMS share of the limit and another
    escalates at the limit (live to the company and the monitoring centre).
    A ticket restored after its limit owes an overdue analysis.

    At the limit the ticket goes up the CMS escalation chain one level at a
    time (a timer waits for each next level). The holder may ask to suspend
    instead of restoring; the carrier approves or refuses (the clock runs
    meanwhile); a suspended ticket's clock stands still until the holder
    resumes it, and restoring starts again with its limit moved. The
    monitoring centre re-dispatches (``actions.ticket_redispatch``) and
    chases outside the flow's steps.
    """

    process_class = FaultTicket
    process_title = _("Fault ticket")
    lock_impl = flow_lock

    start = (
        flow.StartHandle(this.start_ticket)
        .Annotation(title=_("Dispatch"))
        .Next(this.accept)
    )
    accept = (
        flow.View(views.AcceptView.as_view())
        .Annotation(title=_("Accept"))
        .Permission(ACCEPT.permission, obj=request_company)
        .OnTimeout(
            this.warning_moment, this.warn, interrupting=False, title=WARNING_TIMER
        )
        .OnTimeout(
            this.due_moment, this.escalate, interrupting=False, title=LIMIT_TIMER
        )
        .Next(this.arrive_gate)
    )
    arrive_gate = (
        flow.If(act.process.on_site)
        .Annotation(title=_("On site?"))
        .Then(this.arrive)
        .Else(this.restore)
    )
    arrive = (
        flow.View(views.ArriveView.as_view())
        .Annotation(title=_("Arrive on site"))
        .Assign(act.process.accepted_by)
        .OnTimeout(
            this.warning_moment, this.warn, interrupting=False, title=WARNING_TIMER
        )
        .OnTimeout(
            this.due_moment, this.escalate, interrupting=False, title=LIMIT_TIMER
        )
        .Next(this.restore)
    )
    restore = (
        flow.View(views.RestoreView.as_view())
        .Annotation(title=_("Restore"))
        .Assign(act.process.accepted_by)
        .OnTimeout(
            this.warning_moment, this.warn, interrupting=False, title=WARNING_TIMER
        )
        .OnTimeout(
            this.due_moment, this.escalate, interrupting=False, title=LIMIT_TIMER
        )
        .Next(this.suspend_gate)
    )
    suspend_gate = (
        flow.If(act.process.suspend_asked)
        .Annotation(title=_("Suspension asked?"))
        .Then(this.approve_suspend)
        .Else(this.report_gate)
    )
    approve_suspend = (
        flow.View(views.SuspendDecisionView.as_view())
        .Annotation(title=_("Approve the suspension"))
        .Permission(CONFIRM.permission)
        .OnTimeout(
            this.warning_moment, this.warn, interrupting=False, title=WARNING_TIMER
        )
        .OnTimeout(
            this.due_moment, this.escalate, interrupting=False, title=LIMIT_TIMER
        )
        .Next(this.suspension)
    )
    suspension = (
        flow.If(act.process.suspended)
        .Annotation(title=_("Suspended?"))
        .Then(this.resume)
        .Else(this.restore)
    )
    resume = (
        flow.View(views.ResumeView.as_view())
        .Annotation(title=_("Resume"))
        .Assign(act.process.accepted_by)
        .Next(this.restore)
    )
    report_gate = (
        flow.If(act.process.report_pending)
        .Annotation(title=_("Fault report required?"))
        .Then(this.report)
        .Else(this.confirm)
    )
    report = (
        flow.View(views.ReportView.as_view())
        .Annotation(title=_("Fault report"))
        .Assign(act.process.accepted_by)
        .Next(this.confirm)
    )
    confirm = (
        flow.View(views.ConfirmView.as_view())
        .Annotation(title=_("Confirm"))
        .Permission(CONFIRM.permission)
        .Next(this.after_confirm)
    )
    after_confirm = (
        flow.Switch()
        .Annotation(title=_("Decision"))
        .Case(this.restore, act.process.returned)
        .Case(this.analysis, act.process.overdue)
        .Default(this.closed)
    )
    analysis = (
        flow.View(views.AnalysisView.as_view())
        .Annotation(title=_("Overdue analysis"))
        .Assign(act.process.accepted_by)
        .Next(this.closed)
    )
    closed = flow.End().Annotation(title=_("Closed"))
    warn = (
        flow.Function(this.warn_ticket)
        .Annotation(title=_("Early warning"))
        .Next(this.warned)
    )
    warned = flow.End().Annotation(title=_("Warned"))
    escalate = (
        flow.Function(this.escalate_ticket)
        .Annotation(title=_("Escalate"))
        .Next(this.escalate_more)
    )
    escalate_more = (
        flow.If(act.process.escalation_pending)
        .Annotation(title=_("A next escalation level?"))
        .Then(this.escalate_wait)
        .Else(this.escalated)
    )
    escalate_wait = (
        flow.Timer(this.next_escalation_moment)
        .Annotation(title=_("Until the next level"))
        .Next(this.escalate)
    )
    escalated = flow.End().Annotation(title=_("Escalated"))

    def start_ticket(self, activation, user, data):
        services.ticket_fill(ticket=activation.process, user=user, data=data)
        return activation.process

    def warning_moment(self, activation):
        return activation.process.warning_at

    def due_moment(self, activation):
        return activation.process.sla_due_at

    def warn_ticket(self, activation):
        services.sla_warn(ticket=activation.process, task=activation.task)

    def escalate_ticket(self, activation):
        escalation.sla_escalate(ticket=activation.process, task=activation.task)
        # The gateway after it reads the level just written.
        activation.process.refresh_from_db()

    def next_escalation_moment(self, activation):
        return escalation.next_escalation_at(activation.process)
