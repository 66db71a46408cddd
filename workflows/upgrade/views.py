"""The pages of the upgrade's human steps; each hands its form to ``actions``."""

from home.request_services import documents_kept_on_success, submission_documents_add
from workflows.services import transition_record
from workflows.views import TaskPageView

from . import actions, services, stepforms
from .forms import UpgradeReviseForm, initial_from


class ConfirmView(TaskPageView):
    """The maintenance manager confirms receipt (on time or late)."""

    form_class = stepforms.ConfirmForm

    def complete(self, form, activation):
        actions.confirm_record(
            upgrade=activation.process,
            task=activation.task,
            user=self.request.user,
            comment=form.cleaned_data["comment"],
        )


class ReviewView(TaskPageView):
    form_class = stepforms.ReviewForm

    def complete(self, form, activation):
        actions.review_record(
            upgrade=activation.process,
            task=activation.task,
            user=self.request.user,
            **form.cleaned_data,
        )


class ApprovalView(TaskPageView):
    form_class = stepforms.ApprovalForm

    def complete(self, form, activation):
        data = form.cleaned_data
        actions.approval_record(
            upgrade=activation.process,
            task=activation.task,
            user=self.request.user,
            decision=data["decision"],
            comment=data["comment"],
            start=data["approved_start"],
            end=data["approved_end"],
        )


class StartView(TaskPageView):
    form_class = stepforms.StartForm

    def complete(self, form, activation):
        actions.start_record(
            upgrade=activation.process,
            task=activation.task,
            user=self.request.user,
            started_at=form.cleaned_data["started_at"],
        )


class EndView(TaskPageView):
    form_class = stepforms.EndForm

    def complete(self, form, activation):
        data = form.cleaned_data
        actions.end_record(
            upgrade=activation.process,
            task=activation.task,
            user=self.request.user,
            ended_at=data["ended_at"],
            result=data["result"],
            note=data["result_note"],
        )


class RollbackView(TaskPageView):
    form_class = stepforms.RollbackForm

    def complete(self, form, activation):
        actions.rollback_record(
            upgrade=activation.process,
            task=activation.task,
            user=self.request.user,
            confirmed=form.cleaned_data["rolled_back"],
            report=form.cleaned_data["failure_report"],
        )


class SparePartsView(TaskPageView):
    form_class = stepforms.SparePartsForm

    def complete(self, form, activation):
        actions.spare_parts_record(
            upgrade=activation.process,
            task=activation.task,
            user=self.request.user,
            note=form.cleaned_data["note"],
        )


class ServiceRecordView(TaskPageView):
    form_class = stepforms.ServiceRecordForm

    def complete(self, form, activation):
        actions.service_record_write(
            upgrade=activation.process,
            task=activation.task,
            user=self.request.user,
            record=form.cleaned_data["record"],
        )


class ReviseView(TaskPageView):
    """The requester edits a returned upgrade and may replace its documents."""

    form_class = UpgradeReviseForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        upgrade = self.request_obj.coerced
        kwargs.update(user=self.request.user, upgrade=upgrade)
        if self.request.method == "GET":
            kwargs["initial"] = initial_from(upgrade)
        return kwargs

    def complete(self, form, activation):
        user = self.request.user
        data = form.to_input()
        with documents_kept_on_success([]) as stored:
            services.documents_store(user=user, data=data, into=stored)
            services.upgrade_fill(upgrade=activation.process, user=user, data=data)
            submission_documents_add(process=activation.process, documents=stored)
        transition_record(
            request=activation.process,
            action="resubmitted",
            actor=user,
            task=activation.task,
        )
