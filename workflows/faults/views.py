"""Pages of the fault tickets: dispatch, the list, and each step's phone-first page."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import FormView, TemplateView

from workflows.views import TaskPageView

from . import services
from .forms import (
    AcceptForm,
    AnalysisForm,
    ArriveForm,
    ConfirmForm,
    DispatchForm,
    ProgressForm,
    ReportForm,
    RestoreForm,
)
from .steps import DISPATCH

DISPATCHED = _("Ticket %(reference)s dispatched.")
NOTE_ADDED = _("Progress note added.")


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
        return {"site": int(site)} if site.isdigit() else {}

    def form_valid(self, form):
        data = services.TicketInput(**form.cleaned_data)
        try:
            ticket = services.ticket_dispatch(user=self.request.user, data=data)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, DISPATCHED % {"reference": ticket.reference})
        return redirect("workflows:request", ticket.pk)


class ProgressView(LoginRequiredMixin, View):
    """POST a progress note on a ticket being handled."""

    def post(self, request, pk):
        from .selectors import tickets_for

        ticket = get_object_or_404(tickets_for(request.user), pk=pk)
        form = ProgressForm(request.POST)
        back = reverse("workflows:request", args=[ticket.pk])
        if not form.is_valid():
            messages.error(request, services.NEED_NOTE)
            return redirect(back)
        try:
            services.progress_add(
                ticket=ticket, user=request.user, text=form.cleaned_data["text"]
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect(back)
        messages.success(request, NOTE_ADDED)
        return redirect(back)


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
