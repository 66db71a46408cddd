"""Reads of requests and tasks, always scoped to the user asking."""

from django.db.models import QuerySet
from viewflow.workflow.models import Task as FlowTask

from registry.roles import is_carrier
from registry.selectors import company_of

from .models import Request, Transition
from .rules import task_claimable_by
from .services import OPEN_STATUSES


def requests_for_user(user) -> QuerySet[Request]:
    """Carrier users see every request; a contractor user their company's."""
    requests = Request.objects.select_related("company", "requester")
    if is_carrier(user):
        return requests
    company = company_of(user)
    if company is None:
        return requests.none()
    return requests.filter(company_id=company.pk)


def flow_requests_for_user(user, model: type[Request]) -> QuerySet:
    """Rows of one flow's process ``model`` that ``user`` may see, newest first."""
    visible = requests_for_user(user).values("pk")
    rows = model.objects.filter(pk__in=visible).select_related("company", "requester")
    return rows.order_by("-created", "-pk")


def history_of(request: Request) -> QuerySet[Transition]:
    return request.transitions.select_related("actor")


def open_tasks_of(request: Request) -> list[FlowTask]:
    tasks = FlowTask.objects.filter(process_id=request.pk, status__in=OPEN_STATUSES)
    return list(tasks.select_related("owner").order_by("created"))


def task_can_act(user, task: FlowTask) -> bool:
    """May ``user`` decide on ``task`` now (claiming it if it is unclaimed)?"""
    if task.status not in OPEN_STATUSES or task.flow_task_type != "HUMAN":
        return False
    if task.owner_id:
        return task.owner_id == user.pk
    return task_claimable_by(user, task)
