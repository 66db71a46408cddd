from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import act, flow

from workflows.locks import flow_lock
from workflows.steps import request_company

from . import services, views
from .models import FaultTicket
from .steps import ACCEPT, CONFIRM


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
        .OnTimeout(this.warning_moment, this.warn, interrupting=False)
        .OnTimeout(this.due_moment, this.escalate, interrupting=False)
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
        .OnTimeout(this.warning_moment, this.warn, interrupting=False)
        .OnTimeout(this.due_moment, this.escalate, interrupting=False)
        .Next(this.restore)
    )
    restore = (
        flow.View(views.RestoreView.as_view())
        .Annotation(title=_("Restore"))
        .Assign(act.process.accepted_by)
        .OnTimeout(this.warning_moment, this.warn, interrupting=False)
        .OnTimeout(this.due_moment, this.escalate, interrupting=False)
        .Next(this.report_gate)
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
        .Next(this.escalated)
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
        services.sla_escalate(ticket=activation.process, task=activation.task)
