"""Baselines and probes the benchmarks serve; only ``bench.urls`` routes them."""

import time

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.http import HttpResponse
from django.views import View
from django.views.generic import ListView
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from workflows.live.events import send_now
from workflows.live.groups import groups_for_user


class TaskListView(LoginRequiredMixin, ListView):
    """What Django alone takes to page through the rows the queue shows: the
    open review tasks, 50 a page, in the queue's order, through the bare engine."""

    paginate_by = 50
    template_name = "bench/tasks.html"
    template_engine = "bare"
    queryset = (
        Task.objects.filter(
            flow_task_type="HUMAN", status=STATUS.NEW, owner__isnull=True
        )
        .select_related("process__request__company", "process__request__site")
        .order_by(F("process__request__due_at").asc(nulls_last=True), "created", "pk")
    )


class PublishView(LoginRequiredMixin, View):
    """POST ``group`` and ``seq``: one ``queue.changed`` event through the
    portal's own publisher to a group the user's sockets join; an approval's
    event without the approval."""

    def post(self, request):
        group = request.POST.get("group", "")
        if group not in groups_for_user(request.user):
            raise PermissionDenied
        seq = int(request.POST["seq"])
        send_now([group], {"task": 0, "process": 0, "seq": seq, "sent": time.time()})
        return HttpResponse(status=204)
