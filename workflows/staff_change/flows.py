from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import act, flow

from workflows.locks import flow_lock

from . import services, views
from .models import StaffChange
from .steps import EXCEPTION, REVIEW


class StaffChangeFlow(flow.Flow):
    """人员变更: a contractor changes its staff; the cap decides the route.

    Within the cap the maintenance manager's group reviews (approve, reject or
    return for changes, after which the cap is checked again); over the cap the
    department head's group may approve as an exception, with a reason, or
    reject. Approved changes reach the roster on their effective date.
    """

    process_class = StaffChange
    process_title = _("Staff change")
    lock_impl = flow_lock

    start = (
        flow.StartHandle(this.start_request)
        .Annotation(title=_("Submit"))
        .Next(this.check_cap)
    )
    check_cap = (
        flow.Function(this.assess_cap)
        .Annotation(title=_("Check the cap"))
        .Next(this.route)
    )
    route = (
        flow.If(act.process.within_cap)
        .Annotation(title=_("Within the cap?"))
        .Then(this.review)
        .Else(this.exception_review)
    )
    review = (
        flow.View(views.DecisionView.as_view())
        .Annotation(title=_("Review"))
        .Permission(REVIEW.permission)
        .Next(this.after_review)
    )
    after_review = (
        flow.Switch()
        .Annotation(title=_("Decision"))
        .Case(this.revise, act.process.returned)
        .Case(this.when_effective, act.process.approved)
        .Default(this.rejected)
    )
    revise = (
        flow.View(views.ReviseView.as_view())
        .Annotation(title=_("Revise and resubmit"))
        .Assign(act.process.requester)
        .Next(this.check_cap)
    )
    exception_review = (
        flow.View(views.DecisionView.as_view())
        .Annotation(title=_("Exception above the cap"))
        .Permission(EXCEPTION.permission)
        .Next(this.after_exception)
    )
    after_exception = (
        flow.If(act.process.approved)
        .Annotation(title=_("Approved as exception?"))
        .Then(this.when_effective)
        .Else(this.rejected)
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

    def start_request(self, activation, user, data):
        services.staff_change_fill(change=activation.process, user=user, data=data)
        services.transition_record(
            request=activation.process, action="submitted", actor=user
        )
        return activation.process

    def assess_cap(self, activation):
        services.cap_assess(change=activation.process, task=activation.task)

    def effective_moment(self, activation):
        return services.effective_moment(activation.process)

    def apply_roster(self, activation):
        services.change_apply(change=activation.process, task=activation.task)
