"""The one work queue: tasks across every flow, scoped to the user asking."""

from django.db.models import Q, QuerySet
from viewflow.workflow.models import Task as FlowTask

from ..selectors import requests_for_user
from ..services import OPEN_STATUSES
from ..steps import held_steps


def _offered_to(user) -> Q:
    """Unclaimed tasks whose step the user holds (company steps: own company)."""
    offered = Q(pk__in=[])
    for permission, company_id in held_steps(user):
        match = Q(owner__isnull=True, owner_permission=permission)
        if company_id is not None:
            match &= Q(owner_permission_obj_pk=str(company_id))
        offered |= match
    return offered


def visible_tasks(user) -> QuerySet[FlowTask]:
    """Every task of a request the user may see."""
    return FlowTask.objects.filter(
        process_id__in=requests_for_user(user).values("pk"), flow_task_type="HUMAN"
    )


def actionable_tasks(user) -> QuerySet[FlowTask]:
    """Open tasks assigned to the user or offered to a step they hold."""
    return (
        visible_tasks(user)
        .filter(status__in=OPEN_STATUSES)
        .filter(Q(owner=user) | _offered_to(user))
        .select_related("owner", "process")
        .order_by("created", "pk")
    )
