"""Pages of the fault tickets: dispatch, the list, and each step's phone-first page."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import FormView, TemplateView

from workflows.services import TaskConflict, task_act
from workflows.views import TaskPageView, conflict_response

from . import actions, services
from .forms import (
    AcceptForm,
    AnalysisForm,
    ArriveForm,
    ChaseForm,
    ConfirmForm,
    DispatchForm,
    ProgressForm,
    RedispatchForm,
    ReportForm,
    RestoreForm,
    ResumeForm,
    SuspendDecisionForm,
    SuspendForm,
)
from .steps import DISPATCH

DISPATCHED = _("Ticket %(reference)s dispatched.")
NOTE_ADDED = _("Progress note added.")
REDISPATCHED = _("Ticket re-dispatched.")
SUSPEND_ASKED = _("Suspension asked; the carrier decides.")
CHASED = _("Chase sent.")


class StepView(TaskPageView):
    template_name = "faults/task.html"
    button = _("Submit")
    locate = False  # the form asks the phone for its position (presence)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            button=self.button, locate=self.locate, **kwargs
        )


class AcceptView(StepView):
    form_class = AcceptForm
    button = _("Accept the ticket")

    def complete(self, form, activation):
        services.accept_record(
            ticket=activation.process, task=activation.task, user=self.request.user
        )


class ArriveView(StepView):
    form_class = ArriveForm
    button = _("I am on site")
    locate = True

    def complete(self, form, activation):
        services.arrive_record(
            ticket=activation.process,
            task=activation.task,
            user=self.request.user,
            location=form.location(),
        )


class RestoreView(StepView):
    form_class = RestoreForm
    button = _("Service restored")

    def complete(self, form, activation):
        services.restore_record(
            ticket=activation.process,
            task=activation.task,
            user=self.request.user,
            **form.cleaned_data,
        )


class ReportView(StepView):
    form_class = ReportForm
    button = _("Send the fault report")

    def complete(self, form, activation):
        services.report_record(
            ticket=activation.process,
            task=activation.task,
            user=self.request.user,
            report=form.cleaned_data["report"],
        )


class ConfirmView(StepView):
    form_class = ConfirmForm

    def complete(self, form, activation):
        services.confirm_record(
            ticket=activation.process,
            task=activation.task,
            user=self.request.user,
            **form.cleaned_data,
        )


class AnalysisView(StepView):
    form_class = AnalysisForm
    button = _("Send the overdue analysis")

    def complete(self, form, activation):
        services.analysis_record(
            ticket=activation.process,
            task=activation.task,
            user=self.request.user,
            analysis=form.cleaned_data["analysis"],
        )


class SuspendDecisionView(StepView):
    form_class = SuspendDecisionForm

    def complete(self, form, activation):
        actions.suspend_decide(
            ticket=activation.process,
            task=activation.task,
            user=self.request.user,
            **form.cleaned_data,
        )


class ResumeView(StepView):
    form_class = ResumeForm
    button = _("Resume: restart the SLA clock")

    def complete(self, form, activation):
        actions.resume_record(
            ticket=activation.process, task=activation.task, user=self.request.user
        )


class TicketActionView(LoginRequiredMixin, View):
    """POST one side action on a ticket the user may see; back to its page."""

    form_class = None
    done = None
    invalid = None  # the message of an invalid form, else the form's own

    def act(self, ticket, data) -> None:
        raise NotImplementedError

    def post(self, request, pk):
        from .selectors import tickets_for

        ticket = get_object_or_404(tickets_for(request.user), pk=pk)
        form = self.form_class(request.POST)
        back = reverse("workflows:request", args=[ticket.pk])
        try:
            if not form.is_valid():
                raise ValidationError(self.invalid or form.errors)
            self.act(ticket, form.cleaned_data)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect(back)
        except TaskConflict as conflict:
            return conflict_response(request, ticket, str(conflict))
        messages.success(request, self.done)
        return redirect(back)


class RedispatchView(TicketActionView):
    """The monitoring centre re-dispatches (转派) to another company."""

    form_class, done = RedispatchForm, REDISPATCHED

    def act(self, ticket, data):
        actions.ticket_redispatch(ticket=ticket, user=self.request.user, **data)


class SuspendView(TicketActionView):
    """The holder asks to suspend (挂起) instead of restoring."""

    form_class, done = SuspendForm, SUSPEND_ASKED

    def act(self, ticket, data):
        from .selectors import step_task

        task = step_task(ticket, "restore")
        if task is None:
            raise TaskConflict(actions.NOT_SUSPENDABLE)
        task_act(
            task_pk=task.pk,
            user=self.request.user,
            act=lambda a: actions.suspend_ask(
                ticket=a.process, task=a.task, user=self.request.user, **data
            ),
        )


class ChaseView(TicketActionView):
    """The monitoring centre chases (催办) the holder."""

    form_class, done = ChaseForm, CHASED

    def act(self, ticket, data):
        actions.ticket_chase(ticket=ticket, user=self.request.user, **data)


class DispatchView(LoginRequiredMixin, FormView):
    """The monitoring centre dispatches a ticket (派单)."""

    template_name = "faults/dispatch.html"
    form_class = DispatchForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not request.user.has_perm(
            DISPATCH.permission
        ):
            raise PermissionDenied(services.NOT_DISPATCHER)
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        """``?site=<pk>``: the site a scanned QR label came from (prefilled)."""
        site = self.request.GET.get("site", "")
        # ``isascii``: "²".isdigit() is true, and int() refuses it.
        if site.isascii() and site.isdigit() and len(site) < 10:
            return {"site": int(site)}
        return {}

    def form_valid(self, form):
        data = services.TicketInput(**form.cleaned_data)
        try:
            ticket = services.ticket_dispatch(user=self.request.user, data=data)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, DISPATCHED % {"reference": ticket.reference})
        return redirect("workflows:request", ticket.pk)


class ProgressView(TicketActionView):
    """POST a progress note on a ticket being handled."""

    form_class, done, invalid = ProgressForm, NOTE_ADDED, services.NEED_NOTE

    def act(self, ticket, data):
        services.progress_add(ticket=ticket, user=self.request.user, **data)


class TicketListView(LoginRequiredMixin, TemplateView):
    """The tickets the user may see, filtered; the carrier sees every company's."""

    template_name = "faults/list.html"

    def dispatch(self, request, *args, **kwargs):
        from .selectors import may_see_tickets

        if request.user.is_authenticated and not may_see_tickets(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        from .filters import TicketFilterSet
        from .selectors import tickets_for

        filters = TicketFilterSet(
            self.request.GET,
            queryset=tickets_for(self.request.user),
            user=self.request.user,
        )
        tickets = list(filters.qs[:200])
        return super().get_context_data(
            filters=filters,
            tickets=tickets,
            can_dispatch=self.request.user.has_perm(DISPATCH.permission),
            **kwargs,
        )
