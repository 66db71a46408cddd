"""Pages: my substitutes, move a task to another person, snooze a task."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView

from registry.roles import CARRIER_ROLES

from ..queue.selectors import visible_tasks
from ..services import TaskConflict
from ..steps import step_for
from . import services
from .forms import ReassignForm, SnoozeForm, SubstitutionForm
from .models import Substitution
from .selectors import substitutions_of

SAVED = _("Substitute saved.")
WITHDRAWN = _("Substitute withdrawn.")
MOVED = _("Task moved.")
SNOOZED = _("Task snoozed.")
WOKEN = _("Task back in your open list.")


def _form_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


class SubstitutesView(LoginRequiredMixin, FormView):
    """``/queue/substitutes/``: name a substitute; ``?start=&end=`` prefill it."""

    template_name = "delegation/substitutes.html"
    form_class = SubstitutionForm

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"user": self.request.user}

    def get_initial(self):
        query = self.request.GET
        return {"start_date": query.get("start"), "end_date": query.get("end")}

    def get_context_data(self, **kwargs):
        rows = substitutions_of(self.request.user)
        return super().get_context_data(substitutions=rows, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.substitution_set(
                actor=self.request.user,
                absent=data.get("absent") or self.request.user,
                substitute=data["substitute"],
                start_date=data["start_date"],
                end_date=data["end_date"],
                reason=data["reason"],
            )
        except (ValidationError, PermissionDenied) as error:
            if isinstance(error, PermissionDenied):
                error = ValidationError(str(error))
            _form_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, SAVED)
        return redirect("queue:substitutes")

    def post(self, request, *args, **kwargs):
        withdraw = request.POST.get("withdraw", "")
        if not withdraw.isdigit():
            return super().post(request, *args, **kwargs)
        row = get_object_or_404(Substitution, pk=int(withdraw))
        try:
            services.substitution_end(actor=request.user, substitution=row)
        except PermissionDenied:
            raise Http404 from None
        messages.success(request, WITHDRAWN)
        return redirect("queue:substitutes")


class TaskFormView(LoginRequiredMixin, FormView):
    """A form on one open task the user may see (another company's: 404)."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        tasks = visible_tasks(request.user).select_related("owner", "process")
        self.task = tasks.filter(pk=kwargs["task_pk"], process_id=kwargs["pk"]).first()
        if self.task is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        request_obj = self.task.process.coerced
        return super().get_context_data(
            task=self.task, request_obj=request_obj, **kwargs
        )

    def done(self, message):
        messages.success(self.request, message)
        return redirect(reverse("workflows:request", args=[self.task.process_id]))

    def attempt(self, form, write, message):
        try:
            write()
        except ValidationError as error:
            _form_errors(form, error)
            return self.form_invalid(form)
        except TaskConflict as conflict:
            form.add_error(None, str(conflict))
            return self.form_invalid(form)
        return self.done(message)


def people_for_step(task):
    """Who a task could move to: its company's people, or the carrier's staff;
    the service checks that the chosen person holds the step."""
    people = get_user_model().objects.filter(is_active=True).order_by("username")
    step = step_for(task.owner_permission or "")
    if step is not None and step.company_scoped:
        company_id = task.process.coerced.company_id
        return people.filter(membership__company_id=company_id)
    return people.filter(groups__name__in=CARRIER_ROLES).distinct()


class ReassignView(TaskFormView):
    template_name = "delegation/reassign.html"
    form_class = ReassignForm

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"people": people_for_step(self.task)}

    def form_valid(self, form):
        data = form.cleaned_data
        return self.attempt(
            form,
            lambda: services.task_reassign(
                task_pk=self.task.pk,
                actor=self.request.user,
                new_owner=data["new_owner"],
                reason=data["reason"],
            ),
            MOVED,
        )


class SnoozeView(TaskFormView):
    template_name = "delegation/snooze.html"
    form_class = SnoozeForm

    def post(self, request, *args, **kwargs):
        if request.POST.get("wake"):
            services.task_wake(task_pk=self.task.pk, user=request.user)
            messages.success(request, WOKEN)
            return redirect(reverse("queue:queue") + "?tab=snoozed")
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        return self.attempt(
            form,
            lambda: services.task_snooze(
                task_pk=self.task.pk,
                user=self.request.user,
                until=data["until"],
                reason=data["reason"],
            ),
            SNOOZED,
        )
