"""Reads of substitutes and snoozes; the queue composes them into its lists.

Every function here adds subqueries, never a query per row: the queue stays a
fixed number of queries however many substitutes and snoozes there are.
"""

from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from registry.calendar import local_today

from ..steps import held_steps, step_for, user_holds
from .models import Substitution, TaskSnooze


def active_substitutions(today=None) -> QuerySet[Substitution]:
    today = today or local_today()
    return Substitution.objects.filter(start_date__lte=today, end_date__gte=today)


def stood_for_ids(user) -> QuerySet:
    """Ids of the people ``user`` stands in for today (a subquery)."""
    return active_substitutions().filter(substitute=user).values("absent_id")


def held_match(user) -> Q:
    """Tasks whose step ``user`` holds (company steps: of their own company)."""
    match = Q(pk__in=[])
    for permission, company_id in held_steps(user):
        step = Q(owner_permission=permission)
        if company_id is not None:
            step &= Q(owner_permission_obj_pk=str(company_id))
        match |= step
    return match


def stood_in(user) -> Q:
    """Open tasks of the people ``user`` stands in for, of steps ``user`` holds."""
    return Q(owner_id__in=stood_for_ids(user)) & held_match(user)


def snoozed_ids(user) -> QuerySet:
    """Ids of the tasks ``user`` has snoozed until later than now (a subquery)."""
    snoozes = TaskSnooze.objects.filter(user=user, until__gt=timezone.now())
    return snoozes.values("task_id")


def snoozed_until(user) -> Subquery:
    """Annotation: until when ``user`` snoozed the row's task, if they did."""
    snoozes = TaskSnooze.objects.filter(user=user, task_id=OuterRef("pk"))
    return Subquery(snoozes.values("until")[:1])


def stands_in(user, task, company=None) -> bool:
    """Does ``user`` stand in today for the owner of ``task``, and hold its step?"""
    if not task.owner_id or task.owner_id == user.pk:
        return False
    step = step_for(task.owner_permission or "")
    if step is None:  # a task for one person (a requester's revision): theirs only
        return False
    if step.company_scoped and company is None:
        company = task.process.coerced.company
    if not user_holds(user, step, company):
        return False
    return (
        active_substitutions().filter(absent_id=task.owner_id, substitute=user).exists()
    )


def substitutions_of(user) -> QuerySet[Substitution]:
    """Ranges not yet over where ``user`` is the absent person or the substitute."""
    rows = Substitution.objects.filter(Q(absent=user) | Q(substitute=user))
    rows = rows.filter(end_date__gte=local_today())
    return rows.select_related("absent", "substitute").order_by("start_date", "pk")
