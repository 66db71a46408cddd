from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import act, flow

from workflows.locks import flow_lock
from workflows.steps import request_company

from . import actions, services, views
from .models import SoftwareUpgrade
from .steps import APPROVAL, CONFIRM, EXECUTE, REVIEW


class UpgradeFlow(flow.Flow):
    """软件升级: a contractor's software upgrade, approved and then executed.

    The maintenance manager confirms receipt within the CMS limit (a timer
    flags it late and offers it again); the institute reviews (approve, reject
    or return for changes); the province approves and fixes the window. The
    contractor reports start and end inside that window: a failure is rolled
    back and reported and ends the request; a success upgrades the spare parts
    when flagged, and a service record closes it.
    """

    process_class = SoftwareUpgrade
    process_title = _("Software upgrade")
    lock_impl = flow_lock

    start = (
        flow.StartHandle(this.start_upgrade)
        .Annotation(title=_("File the upgrade"))
        .Next(this.check_limits)
    )
    check_limits = (
        flow.Function(this.route)
        .Annotation(title=_("Check the time limits"))
        .Next(this.confirm)
    )
    confirm = (
        flow.View(views.ConfirmView.as_view())
        .Annotation(title=_("Confirm receipt"))
        .Permission(CONFIRM.permission)
        .OnTimeout(this.confirm_by, this.escalate, title=_("Not confirmed in time"))
        .Next(this.review)
    )
    escalate = (
        flow.Function(this.escalate_confirmation)
        .Annotation(title=_("Flag late and remind"))
        .Next(this.confirm_late)
    )
    confirm_late = (
        flow.View(views.ConfirmView.as_view())
        .Annotation(title=_("Confirm receipt (late)"))
        .Permission(CONFIRM.permission)
        .Next(this.review)
    )
    review = (
        flow.View(views.ReviewView.as_view())
        .Annotation(title=_("Institute review"))
        .Permission(REVIEW.permission)
        .Next(this.after_review)
    )
    after_review = (
        flow.Switch()
        .Annotation(title=_("Review decision"))
        .Case(this.revise, act.process.returned)
        .Case(this.approval, act.process.approved)
        .Default(this.rejected)
    )
    revise = (
        flow.View(views.ReviseView.as_view())
        .Annotation(title=_("Revise and resubmit"))
        .Assign(act.process.requester)
        .Next(this.review)
    )
    approval = (
        flow.View(views.ApprovalView.as_view())
        .Annotation(title=_("Provincial approval"))
        .Permission(APPROVAL.permission)
        .Next(this.after_approval)
    )
    after_approval = (
        flow.If(act.process.approved)
        .Annotation(title=_("Approved with a window?"))
        .Then(this.report_start)
        .Else(this.rejected)
    )
    report_start = (
        flow.View(views.StartView.as_view())
        .Annotation(title=_("Report the start"))
        .Permission(EXECUTE.permission, obj=request_company)
        .Next(this.report_end)
    )
    report_end = (
        flow.View(views.EndView.as_view())
        .Annotation(title=_("Report the end and outcome"))
        .Permission(EXECUTE.permission, obj=request_company)
        .Next(this.after_end)
    )
    after_end = (
        flow.If(act.process.succeeded)
        .Annotation(title=_("Succeeded?"))
        .Then(this.spare_gate)
        .Else(this.rollback)
    )
    rollback = (
        flow.View(views.RollbackView.as_view())
        .Annotation(title=_("Roll back and report the failure"))
        .Permission(EXECUTE.permission, obj=request_company)
        .Next(this.failed)
    )
    spare_gate = (
        flow.If(act.process.spare_parts)
        .Annotation(title=_("Spare parts too?"))
        .Then(this.spare_parts)
        .Else(this.service_record)
    )
    spare_parts = (
        flow.View(views.SparePartsView.as_view())
        .Annotation(title=_("Upgrade the spare parts"))
        .Permission(EXECUTE.permission, obj=request_company)
        .Next(this.service_record)
    )
    service_record = (
        flow.View(views.ServiceRecordView.as_view())
        .Annotation(title=_("Write the service record"))
        .Permission(EXECUTE.permission, obj=request_company)
        .Next(this.completed)
    )
    completed = flow.End().Annotation(title=_("Completed"))
    failed = flow.End().Annotation(title=_("Failed"))
    rejected = flow.End().Annotation(title=_("Rejected"))

    def start_upgrade(self, activation, user, data):
        services.upgrade_fill(upgrade=activation.process, user=user, data=data)
        services.transition_record(
            request=activation.process, action="submitted", actor=user
        )
        return activation.process

    def route(self, activation):
        services.upgrade_route(upgrade=activation.process, task=activation.task)

    def confirm_by(self, activation):
        process = activation.process
        if not hasattr(process, "confirmation_due"):
            process = process.coerced
        return process.confirmation_due

    def escalate_confirmation(self, activation):
        actions.confirmation_escalate(upgrade=activation.process, task=activation.task)
