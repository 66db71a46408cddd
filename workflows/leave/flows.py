from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import act, flow

from workflows.locks import flow_lock
from workflows.steps import request_company

from . import roster, services, views
from .models import Leave
from .steps import CARRIER, COMPANY


class LeaveFlow(flow.Flow):
    """请假: a person's leave, approved level by level.

    The manager of the person's company approves first (a manager's own leave
    skips to the carrier); leave longer than the CMS threshold then goes to
    the carrier's group chosen in the CMS. Either may reject, with a reason.
    Approved leave puts the person ON_LEAVE on its first day and back on duty
    the day after its last.
    """

    process_class = Leave
    process_title = _("Leave")
    lock_impl = flow_lock

    start = (
        flow.StartHandle(this.start_leave)
        .Annotation(title=_("File leave"))
        .Next(this.who_approves)
    )
    who_approves = (
        flow.If(act.process.needs_company_approval)
        .Annotation(title=_("Company approves first?"))
        .Then(this.company_approval)
        .Else(this.check_length)
    )
    company_approval = (
        flow.View(views.DecisionView.as_view())
        .Annotation(title=_("Company approval"))
        .Permission(COMPANY.permission, obj=request_company)
        .Next(this.after_company)
    )
    after_company = (
        flow.If(act.process.approved)
        .Annotation(title=_("Approved by the company?"))
        .Then(this.check_length)
        .Else(this.rejected)
    )
    check_length = (
        flow.Function(this.route)
        .Annotation(title=_("Check the length"))
        .Next(this.length_gate)
    )
    length_gate = (
        flow.If(act.process.needs_carrier)
        .Annotation(title=_("Longer than the threshold?"))
        .Then(this.carrier_approval)
        .Else(this.grant)
    )
    carrier_approval = (
        flow.View(views.DecisionView.as_view())
        .Annotation(title=_("Carrier approval"))
        .Permission(CARRIER.permission)
        .Next(this.after_carrier)
    )
    after_carrier = (
        flow.If(act.process.approved)
        .Annotation(title=_("Approved by the carrier?"))
        .Then(this.grant)
        .Else(this.rejected)
    )
    grant = (
        flow.Function(this.grant_leave)
        .Annotation(title=_("Grant the leave"))
        .Next(this.when_starts)
    )
    when_starts = (
        flow.If(act.process.has_started)
        .Annotation(title=_("First day reached?"))
        .Then(this.begin)
        .Else(this.wait_start)
    )
    wait_start = (
        flow.Timer(this.start_moment)
        .Annotation(title=_("Wait for the first day"))
        .Next(this.begin)
    )
    begin = (
        flow.Function(this.begin_leave)
        .Annotation(title=_("Mark on leave"))
        .Next(this.when_ends)
    )
    when_ends = (
        flow.If(act.process.has_ended)
        .Annotation(title=_("Last day over?"))
        .Then(this.finish)
        .Else(this.wait_end)
    )
    wait_end = (
        flow.Timer(this.end_moment)
        .Annotation(title=_("Wait for the day after the last"))
        .Next(this.finish)
    )
    finish = (
        flow.Function(this.end_leave)
        .Annotation(title=_("Back on duty"))
        .Next(this.approved)
    )
    approved = flow.End().Annotation(title=_("Approved"))
    rejected = flow.End().Annotation(title=_("Rejected"))

    def start_leave(self, activation, user, data):
        services.leave_fill(leave=activation.process, user=user, data=data)
        services.transition_record(
            request=activation.process, action="submitted", actor=user
        )
        return activation.process

    def route(self, activation):
        services.leave_route(leave=activation.process, task=activation.task)

    def grant_leave(self, activation):
        roster.leave_grant(leave=activation.process, task=activation.task)

    def start_moment(self, activation):
        return roster.leave_start_moment(activation.process)

    def begin_leave(self, activation):
        roster.leave_begin(leave=activation.process, task=activation.task)

    def end_moment(self, activation):
        return roster.leave_end_moment(activation.process)

    def end_leave(self, activation):
        roster.leave_end(leave=activation.process, task=activation.task)
