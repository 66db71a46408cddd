"""The one work queue: tasks across every flow, scoped to the user asking.

Every list here is a fixed number of queries whatever its length: rows carry
their request, company, site and owner through ``select_related``.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone
from viewflow.workflow.models import Task as FlowTask
from viewflow.workflow.status import STATUS

from registry.memo import per_user
from registry.roles import is_carrier

from ..catalog import row_notes_reader
from ..delegation.selectors import held_match, snoozed_ids, snoozed_until, stood_in
from ..models import Request
from ..selectors import flow_requests_for_user, requests_for_user, with_current_step
from ..services import OPEN_STATUSES

TABS = ("mine", "offered", "snoozed", "filed", "archive")


@dataclass(frozen=True)
class QueueFilter:
    flow: str = ""
    state: str = ""  # open / done
    site: int | None = None
    company: int | None = None
    overdue: bool = False


def _offered_to(user) -> Q:
    """Unclaimed tasks whose step the user holds (company steps: own company)."""
    return Q(owner__isnull=True) & held_match(user)


def _mine(user) -> Q:
    """Assigned to the user and not snoozed, or to someone they stand in for."""
    return (Q(owner=user) & ~Q(pk__in=snoozed_ids(user))) | stood_in(user)


def _snoozed(user) -> Q:
    return Q(owner=user, pk__in=snoozed_ids(user))


def visible_tasks(user) -> QuerySet[FlowTask]:
    """Every human task of a request the user may see."""
    return FlowTask.objects.filter(
        process_id__in=requests_for_user(user).values("pk"), flow_task_type="HUMAN"
    )


def actionable_tasks(user) -> QuerySet[FlowTask]:
    """Open tasks assigned to the user or offered to a step they hold."""
    return (
        visible_tasks(user)
        .filter(status__in=OPEN_STATUSES)
        .filter(Q(owner=user) | stood_in(user) | _offered_to(user))
        .select_related("owner", "process")
        .order_by("created", "pk")
    )


def _task_rows(queryset: QuerySet) -> QuerySet[FlowTask]:
    return queryset.select_related(
        "owner", "process__request__company", "process__request__site"
    ).order_by(F("process__request__due_at").asc(nulls_last=True), "created", "pk")


def _filter_tasks(queryset, user, spec: QueueFilter):
    if spec.flow:
        queryset = queryset.filter(process__flow_class=spec.flow)
    if spec.site:
        queryset = queryset.filter(process__request__site_id=spec.site)
    if spec.company and is_carrier(user):
        queryset = queryset.filter(process__request__company_id=spec.company)
    if spec.overdue:
        queryset = queryset.filter(process__request__due_at__lt=timezone.now())
    return queryset


def queue_tasks(user, tab: str, spec: QueueFilter) -> QuerySet[FlowTask]:
    """Rows of a task tab: ``mine``, ``offered``, ``snoozed`` or ``archive``."""
    tasks = visible_tasks(user)
    if tab == "mine":
        tasks = tasks.filter(_mine(user), status__in=OPEN_STATUSES)
    elif tab == "snoozed":
        tasks = tasks.filter(_snoozed(user), status__in=OPEN_STATUSES)
        tasks = tasks.annotate(snoozed_until=snoozed_until(user))
    elif tab == "offered":
        tasks = tasks.filter(_offered_to(user), status__in=OPEN_STATUSES)
    else:
        tasks = tasks.filter(owner=user, status=STATUS.DONE)
    return _task_rows(_filter_tasks(tasks, user, spec))


def _filter_requests(requests, user, spec: QueueFilter):
    if spec.flow:
        requests = requests.filter(flow_class=spec.flow)
    if spec.state == "open":
        requests = requests.filter(finished__isnull=True)
    elif spec.state == "done":
        requests = requests.filter(finished__isnull=False)
    if spec.site:
        requests = requests.filter(site_id=spec.site)
    if spec.company and is_carrier(user):
        requests = requests.filter(company_id=spec.company)
    if spec.overdue:
        requests = requests.filter(due_at__lt=timezone.now())
    return requests.order_by(F("due_at").asc(nulls_last=True), "-created")


def filed_requests(user, spec: QueueFilter) -> QuerySet[Request]:
    """The requests the user filed, each with the step it waits on."""
    requests = with_current_step(
        requests_for_user(user).filter(requester=user).select_related("site")
    )
    return _filter_requests(requests, user, spec)


def exported_requests(user, spec: QueueFilter, model=None) -> QuerySet:
    """Every request ``user`` may see under the queue's filters, as the
    rows of ``model`` (one flow's process model) or of ``Request``."""
    if model is None:
        requests = requests_for_user(user)
    else:
        requests = flow_requests_for_user(user, model).select_related(
            *(
                name
                for name in model.export_fields
                if model._meta.get_field(name).is_relation
            )
        )
    requests = with_current_step(requests.select_related("site"))
    return _filter_requests(requests, user, spec).order_by("-created", "-pk")


def open_count(user) -> int:
    """Open tasks the user has or may claim: the badge in the header.

    The sum of the two open task tabs (an offered task has no owner yet); a
    snoozed task is out of the badge until it comes back.
    """
    if not user.is_authenticated:
        return 0
    counts = tab_counts(user)
    return counts["mine"] + counts["offered"]


def tab_counts(user) -> dict[str, int]:
    """Open tasks assigned to the user and offered to them, in one query.

    Counted once per user object (one request), so the tabs, the header badge
    and the ``X-Queue-Count`` header of a page agree.
    """

    def count() -> dict[str, int]:
        tasks = visible_tasks(user).filter(status__in=OPEN_STATUSES)
        return tasks.aggregate(
            mine=Count("pk", filter=_mine(user)),
            offered=Count("pk", filter=_offered_to(user)),
            snoozed=Count("pk", filter=_snoozed(user)),
        )

    return per_user(user, "queue_counts", count)


def row_notes(rows: list[tuple[int, type]]) -> dict[int, str]:
    """The note of each (request pk, flow class) row that has one: one query per
    flow with a reader, whatever the number of rows."""
    by_flow = defaultdict(list)
    for pk, flow_class in rows:
        by_flow[flow_class].append(pk)
    notes = {}
    for flow_class, pks in by_flow.items():
        reader = row_notes_reader(flow_class)
        if reader is not None:
            notes |= reader(pks)
    return notes
