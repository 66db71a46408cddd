from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import act, flow

from workflows.locks import flow_lock

from . import services, views
from .models import InspectionPlan
from .steps import APPROVAL


class InspectionPlanFlow(flow.Flow):
    """巡检计划: a contractor's inspections of a region for one quarter.

    The company's manager submits it, at least the CMS number of days before
    the quarter (a later one is flagged late); the carrier's maintenance
    managers approve it or return it for changes, and a returned plan is
    revised and submitted again.
    """

    process_class = InspectionPlan
    process_title = _("Inspection plan")
    lock_impl = flow_lock

    start = (
        flow.StartHandle(this.start_plan)
        .Annotation(title=_("Submit the plan"))
        .Next(this.check_deadline)
    )
    check_deadline = (
        flow.Function(this.assess_deadline)
        .Annotation(title=_("Check the submission deadline"))
        .Next(this.approval)
    )
    approval = (
        flow.View(views.DecisionView.as_view())
        .Annotation(title=_("Carrier approval"))
        .Permission(APPROVAL.permission)
        .Next(this.after_approval)
    )
    after_approval = (
        flow.If(act.process.approved)
        .Annotation(title=_("Approved?"))
        .Then(this.approved)
        .Else(this.revise)
    )
    revise = (
        flow.View(views.ReviseView.as_view())
        .Annotation(title=_("Revise and resubmit"))
        .Assign(act.process.requester)
        .Next(this.approval)
    )
    approved = flow.End().Annotation(title=_("Approved"))

    def start_plan(self, activation, user, data):
        services.plan_fill(plan=activation.process, user=user, data=data)
        services.transition_record(
            request=activation.process, action="submitted", actor=user
        )
        return activation.process

    def assess_deadline(self, activation):
        services.plan_deadline_assess(plan=activation.process, task=activation.task)
