"""Due times of the open steps of every flow, from the CMS time limits.

A step declares its due time when it is registered::

    REVIEW = register_step(
        "staff_change.review",
        group_id=...,
        due=after_obligation(Obligation.STAFF_CHANGE_REVIEW),
    )

``due`` is any callable ``(task, rules) -> datetime | None``;
``after_obligation`` builds the usual one: the task's creation plus the time
limit of that obligation in the deadline rules (working days on the statutory
working calendar, or hours around the clock).

One place keeps the stored values right: ``task_deadline_track``, connected to
viewflow's Task ``post_save`` (the hook the live queue listens on, so every
path — page, API, timer, command — passes through it, inside the transaction
that saves the task). A new task of a step with ``due`` gets a ``StepDeadline``
row (its due time fixed when the step opens, with the rule revision read); a
task leaving the open statuses closes its row, late when after its due time.
Each time, ``Request.due_at`` becomes the earliest due time of the request's
open rows (null when none), so the queue sorts and filters in SQL.
"""

from datetime import datetime, time, timedelta

from django.db.models import Case, Min, OuterRef, Q, Subquery, Value, When
from django.utils import timezone

from home.models.deadlines import DeadlineUnit
from home.rules import current_rules
from registry.calendar import CALENDAR_ZONE, add_working_days

from .models import Request, StepDeadline
from .services import OPEN_STATUSES as OPEN
from .steps import step_for


def due_after(start: datetime, *, amount: int, unit: str) -> datetime:
    """``start`` plus ``amount`` working days (same time of day, China) or hours."""
    if unit == DeadlineUnit.HOURS:
        return start + timedelta(hours=amount)
    local = timezone.localtime(start, CALENDAR_ZONE)
    day = add_working_days(local.date(), amount)
    moment = datetime.combine(day, time(local.hour, local.minute, local.second))
    return moment.replace(tzinfo=CALENDAR_ZONE)


def after_obligation(obligation: str):
    """A step's ``due``: its task's creation plus the CMS limit of ``obligation``.

    An obligation the published rules lack gives no due time (the step waits
    without a deadline) rather than breaking the flow.
    """

    def due(task, rules) -> datetime | None:
        limit = rules.deadlines.deadlines.get(str(obligation))
        if limit is None:
            return None
        return due_after(task.created, amount=limit.amount, unit=limit.unit)

    due.obligation = str(obligation)
    return due


def task_deadline_track(sender, instance, created=False, raw=False, **kwargs):
    """``post_save`` of viewflow's Task: open or close its deadline, refresh the
    request's ``due_at``. Saves that neither create nor close a task cost nothing."""
    if raw or instance.flow_task_type != "HUMAN":
        return
    if created:
        if instance.status not in OPEN:
            return
        key, due_of = _due_of(instance)
        if due_of is None:
            return
        rules = current_rules()
        due = due_of(instance, rules)
        if due is None:
            return
        StepDeadline.objects.create(
            task=instance,
            request_id=instance.process_id,
            step=key,
            due_at=due,
            rules=_audit(due_of, rules),
        )
    elif instance.status not in OPEN:
        now = instance.finished or timezone.now()
        closed = StepDeadline.objects.filter(task=instance, closed_at__isnull=True)
        late = Case(When(due_at__lt=now, then=Value(True)), default=Value(False))
        if not closed.update(closed_at=now, late=late):
            return
    else:
        return
    request_due_refresh(instance.process_id)


def request_due_refresh(request_id: int) -> None:
    """Set the request's ``due_at`` to its earliest open step's due time."""
    earliest = (
        StepDeadline.objects.filter(request=OuterRef("pk"), closed_at__isnull=True)
        .values("request")
        .annotate(first=Min("due_at"))
        .values("first")
    )
    Request.objects.filter(pk=request_id).update(due_at=Subquery(earliest))


# Steps assigned to one person (``.Assign``) carry no step permission: their
# due time is declared per node: ``(flow class, node name) -> (key, due)``.
_ASSIGNED_DUE: dict[tuple[type, str], tuple[str, object]] = {}


def assigned_due_register(flow_class, node_name: str, *, key: str, due) -> None:
    """The ``due`` of a node whose task is assigned to one person; ``key`` names
    it in the stored deadlines, as a step key does."""
    _ASSIGNED_DUE[(flow_class, node_name)] = (key, due)


def assigned_due_keys() -> set[str]:
    """The keys of every step declared through ``assigned_due_register``."""
    return {key for key, _due in _ASSIGNED_DUE.values()}


def _due_of(task):
    """(step key, due callable) of ``task``'s step, or (None, None)."""
    step = step_for(task.owner_permission or "")
    if step is not None:
        return step.key, step.due
    node = task.flow_task
    return _ASSIGNED_DUE.get(
        (getattr(node, "flow_class", None), node.name), (None, None)
    )


def _audit(due_of, rules) -> dict:
    obligation = getattr(due_of, "obligation", "")
    audit = {"deadlines": rules.deadlines.revision_id}
    limit = rules.deadlines.deadlines.get(obligation)
    if limit is not None:
        audit |= {
            "obligation": obligation,
            "amount": limit.amount,
            "unit": limit.unit,
        }
    return audit


def late_steps(queryset=None, *, now=None):
    """Step deadlines that were or are late: closed late, or open past due."""
    now = now or timezone.now()
    rows = StepDeadline.objects.all() if queryset is None else queryset
    return rows.filter(Q(late=True) | Q(closed_at__isnull=True, due_at__lt=now))
