from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import act, flow

from workflows.locks import flow_lock
from workflows.steps import request_company

from . import services, views
from .models import PositionChange
from .steps import CARRIER, COMPANY


class PositionFlow(flow.Flow):
    """定岗 / 调整: a person moved to another position, work group or area.

    The manager of the person's company approves first (the manager's own
    change skips to the carrier), then the carrier's maintenance managers.
    Either may reject, with a reason. The roster row changes on the effective
    date, by a timer, or at once when the date has come.
    """

    process_class = PositionChange
    process_title = _("Position change")
    lock_impl = flow_lock

    start = (
        flow.StartHandle(this.start_change)
        .Annotation(title=_("File a position change"))
        .Next(this.check_route)
    )
    check_route = (
        flow.Function(this.route)
        .Annotation(title=_("Decide the approval levels"))
        .Next(this.who_approves)
    )
    who_approves = (
        flow.If(act.process.needs_company_approval)
        .Annotation(title=_("Company approves first?"))
        .Then(this.company_approval)
        .Else(this.carrier_approval)
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
        .Then(this.carrier_approval)
        .Else(this.rejected)
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
        flow.Function(this.grant_change)
        .Annotation(title=_("Grant the change"))
        .Next(this.when_effective)
    )
    when_effective = (
        flow.If(act.process.takes_effect_now)
        .Annotation(title=_("Effective date reached?"))
        .Then(this.apply_change)
        .Else(this.wait_effective)
    )
    wait_effective = (
        flow.Timer(this.effective_moment)
        .Annotation(title=_("Wait for the effective date"))
        .Next(this.apply_change)
    )
    apply_change = (
        flow.Function(this.apply_roster)
        .Annotation(title=_("Update the roster"))
        .Next(this.approved)
    )
    approved = flow.End().Annotation(title=_("Approved"))
    rejected = flow.End().Annotation(title=_("Rejected"))

    def start_change(self, activation, user, data):
        services.position_fill(change=activation.process, user=user, data=data)
        services.transition_record(
            request=activation.process, action="submitted", actor=user
        )
        return activation.process

    def route(self, activation):
        services.position_route(change=activation.process, task=activation.task)

    def grant_change(self, activation):
        services.change_grant(change=activation.process)

    def effective_moment(self, activation):
        return services.effective_moment(activation.process)

    def apply_roster(self, activation):
        services.change_apply(change=activation.process, task=activation.task)
