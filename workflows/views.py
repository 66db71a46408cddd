"""Request pages and task actions shared by every flow; each view stays thin."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import DetailView, FormView
from viewflow.workflow.models import Task as FlowTask

from home.rules import rules_pinned
from registry.roles import is_carrier

from . import services
from .chart import chart_svg
from .selectors import (
    documents_of,
    history_of,
    open_tasks_of,
    requests_for_user,
    task_can_act,
)

DONE = _("Done: %(task)s.")


def request_url(request_obj) -> str:
    return reverse("workflows:request", args=[request_obj.pk])


def conflict_response(http_request, request_obj, message):
    """The clear "already handled" answer to a double submit: 409, never 500."""
    context = {"request_obj": request_obj, "message": message}
    return render(http_request, "workflows/conflict.html", context, status=409)


class RequestContextMixin:
    """Context every request page shows: details, answers, history, chart."""

    def request_context(self, request_obj) -> dict:
        process = request_obj.coerced
        tasks = open_tasks_of(request_obj)
        return {
            "request_obj": process,
            "detail_template": f"{process._meta.app_label}/detail.html",
            "documents": documents_of(process),
            "history": history_of(request_obj),
            # Carrier users may open the rules in the CMS; contractors read them.
            "rule_links": is_carrier(self.request.user),
            "open_tasks": [
                (task, task_can_act(self.request.user, task)) for task in tasks
            ],
            "chart": chart_svg(process.flow_class, process.pk),
            "now_ts": timezone.now(),
        }


class RequestDetailView(LoginRequiredMixin, RequestContextMixin, DetailView):
    template_name = "workflows/request_detail.html"
    context_object_name = "request_obj"

    def get_queryset(self):
        return requests_for_user(self.request.user)

    def get_context_data(self, **kwargs):
        return super().get_context_data(**self.request_context(self.object), **kwargs)


class TaskView(LoginRequiredMixin, View):
    """``/requests/<pk>/tasks/<task_pk>/``: hands over to the node's own view."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        with rules_pinned():  # the check and the transition go by one revision
            return self._dispatch(request, **kwargs)

    def _dispatch(self, request, **kwargs):
        request_obj = get_object_or_404(
            requests_for_user(request.user), pk=kwargs["pk"]
        )
        task = FlowTask.objects.filter(pk=kwargs["task_pk"], process_id=request_obj.pk)
        task = task.first()
        if task is None or task.flow_task is None or task.flow_task_type != "HUMAN":
            raise Http404
        node_view = task.flow_task.view
        return node_view(request, request_obj=request_obj, task=task)


class TaskPageView(LoginRequiredMixin, RequestContextMixin, FormView):
    """Base of a flow's task page: a form whose valid submit completes the task."""

    template_name = "workflows/task.html"

    def dispatch(self, request, *args, request_obj=None, task=None, **kwargs):
        self.request_obj, self.task = request_obj, task
        if request_obj is None:  # reached through a viewflow URL: not used
            raise Http404
        # Every method: a refused POST must not even reach the form.
        if not task_can_act(request.user, task):
            if task.status not in services.OPEN_STATUSES:
                return conflict_response(request, request_obj, services.ALREADY_HANDLED)
            if task.owner_id and request.method != "GET":
                return conflict_response(
                    request, request_obj, services.CLAIMED_BY_OTHER
                )
            raise PermissionDenied(services.NOT_YOURS)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = self.request_context(self.request_obj)
        return super().get_context_data(task=self.task, **context, **kwargs)

    def complete(self, form, activation) -> None:
        raise NotImplementedError

    def form_valid(self, form):
        try:
            services.task_act(
                task_pk=self.task.pk,
                task=self.task,
                user=self.request.user,
                act=lambda activation: self.complete(form, activation),
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        except services.TaskConflict as conflict:
            return conflict_response(self.request, self.request_obj, str(conflict))
        messages.success(self.request, DONE % {"task": self.task.flow_task.task_title})
        return redirect(request_url(self.request_obj))


class ClaimView(LoginRequiredMixin, View):
    """POST: claim (``claim``) or release (``release``) a task.

    A claim opens the task: it is claimed to be handled. A release goes back
    to ``next`` (the list it was released from) or to the request.
    """

    action = "claim"

    def post(self, request, pk, task_pk):
        request_obj = get_object_or_404(requests_for_user(request.user), pk=pk)
        if not FlowTask.objects.filter(pk=task_pk, process_id=pk).exists():
            raise Http404
        act = services.task_claim if self.action == "claim" else services.task_release
        try:
            act(task_pk=task_pk, user=request.user)
        except services.TaskConflict as conflict:
            return conflict_response(request, request_obj, str(conflict))
        if self.action == "claim":
            return redirect("workflows:task", pk, task_pk)
        back = request.POST.get("next", "")
        if url_has_allowed_host_and_scheme(back, {request.get_host()}):
            return redirect(back)
        return redirect(request_url(request_obj))
