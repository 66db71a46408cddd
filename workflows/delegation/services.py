"""Writes: name a substitute, act for the absent, reassign, snooze.

Each runs in one transaction and tells the queues concerned after commit: a
task that changes hands announces itself (``live.notify``); a substitute or a
snooze changes only its people's queues, told to resync whole.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from viewflow.workflow.models import Task as FlowTask
from viewflow.workflow.status import STATUS

from registry.roles import Role, is_carrier, roles_of
from registry.selectors import company_of

from ..live.events import publish_on_commit
from ..live.groups import user_group
from ..locks import task_activation
from ..notes import NoteMessage
from ..notifications.notices import task_moved_notify
from ..queue.selectors import actionable_tasks
from ..services import OPEN_STATUSES, TaskConflict, transition_record
from ..steps import held_steps, step_for, user_holds
from . import rules
from .models import Substitution, TaskSnooze

ON_BEHALF = NoteMessage(
    "delegation.on_behalf", _("%(substitute)s acted for %(absent)s.")
)
REASSIGNED = NoteMessage("delegation.reassigned", _("Moved from %(old)s to %(new)s."))
MAY_NOT_NAME = _("You may name a substitute only for yourself.")
OTHER_SIDE = _("The substitute must work for the same company as %(name)s.")
LACKS_STEPS = _("%(name)s may not take every step of %(absent)s's open tasks.")
OVERLAPS = _("%(name)s already has a substitute from %(start)s to %(end)s.")
NOT_ASSIGNED = _("Only a task someone has taken can be moved to another person.")
NOT_MOVABLE = _("This task belongs to one person and cannot be moved.")
NOT_LEAD = _("Only the holder's manager or a carrier admin may move this task.")
CANNOT_TAKE = _("%(name)s may not take this step.")
SAME_OWNER = _("The task is already with %(name)s.")
REASON_NEEDED = _("Give a reason.")
ONLY_OWNER = _("Only the person who holds the task may snooze it.")
IN_THE_PAST = _("Choose a time later than now.")
CHANGED = "delegation"  # payload key: the queue resyncs whole


def name_of(user) -> str:
    return user.get_full_name() or user.username


def _roles(user) -> frozenset:
    roles = roles_of(user)
    return roles | {Role.CARRIER_ADMIN} if user.is_superuser else roles


def _same_side(absent, substitute) -> bool:
    own, theirs = company_of(absent), company_of(substitute)
    if own is not None or theirs is not None:
        return own is not None and theirs is not None and own.pk == theirs.pk
    return is_carrier(absent) and is_carrier(substitute)


def _open_steps(absent) -> set:
    """The (permission, company) steps of ``absent``'s open tasks, one query."""
    held = set(held_steps(absent))
    tasks = actionable_tasks(absent).order_by()
    pairs = tasks.values_list("owner_permission", "owner_permission_obj_pk")
    found = {(perm, int(pk) if pk else None) for perm, pk in pairs.distinct()}
    return {step for step in held if step in found or (step[0], None) in found}


def _validate_substitute(actor, absent, substitute, start, end) -> None:
    if not rules.may_name_substitute(
        actor_pk=actor.pk, absent_pk=absent.pk, actor_roles=_roles(actor)
    ):
        raise PermissionDenied(MAY_NOT_NAME)
    error = None
    names = {"name": name_of(substitute), "absent": name_of(absent)}
    if not substitute.is_active or not _same_side(absent, substitute):
        error = ValidationError(OTHER_SIDE, params={"name": name_of(absent)})
    elif rules.steps_missing(
        required=_open_steps(absent),
        absent_held=set(held_steps(absent)),
        substitute_held=set(held_steps(substitute)),
    ):
        error = ValidationError(LACKS_STEPS, params=names)
    if error is not None:
        raise ValidationError({"substitute": error})
    clash = Substitution.objects.filter(
        absent=absent, start_date__lte=end, end_date__gte=start
    ).first()
    if clash is not None:
        params = {"name": name_of(absent), "start": clash.start_date}
        raise ValidationError(OVERLAPS, params=params | {"end": clash.end_date})


def substitution_set(
    *, actor, absent, substitute, start_date, end_date, reason=""
) -> Substitution:
    """Name ``substitute`` for ``absent`` from ``start_date`` to ``end_date``."""
    row = Substitution(
        absent=absent,
        substitute=substitute,
        start_date=start_date,
        end_date=end_date,
        reason=reason,
        set_by=actor,
    )
    row.full_clean()
    with transaction.atomic():
        _validate_substitute(actor, absent, substitute, start_date, end_date)
        row.save()
        _tell([absent.pk, substitute.pk], {CHANGED: "substitute"})
    return row


def substitution_end(*, actor, substitution: Substitution) -> None:
    """Withdraw a substitution (the absent person, the substitute or an admin)."""
    parties = (substitution.absent_id, substitution.substitute_id)
    if actor.pk not in parties and Role.CARRIER_ADMIN not in _roles(actor):
        raise PermissionDenied(MAY_NOT_NAME)
    with transaction.atomic():
        substitution.delete()
        _tell(list(parties), {CHANGED: "substitute"})


def _tell(user_ids, payload) -> None:
    publish_on_commit([user_group(pk) for pk in user_ids], payload)


def act_for_absent(*, activation, user) -> None:
    """``user`` takes the absent owner's task to decide it: "Y for X"."""
    task = activation.task
    absent = task.owner
    task.owner = user
    task.save()
    note = ON_BEHALF.note(substitute=name_of(user), absent=name_of(absent))
    transition_record(
        request=activation.process,
        action="acted_for",
        actor=user,
        task=task,
        notes=[note],
    )


def task_reassign(*, task_pk: int, actor, new_owner, reason: str) -> FlowTask:
    """The holder's lead moves an assigned task to ``new_owner``, with a reason."""
    if not reason.strip():
        raise ValidationError({"reason": REASON_NEEDED})
    task = FlowTask.objects.get(pk=task_pk)
    with task_activation(task) as activation:
        task = activation.task
        request = activation.process
        if task.status not in (STATUS.ASSIGNED, STATUS.STARTED):
            raise TaskConflict(NOT_ASSIGNED)
        step = step_for(task.owner_permission or "")
        if step is None:
            raise PermissionDenied(NOT_MOVABLE)
        if not rules.may_reassign(
            actor_roles=_roles(actor),
            actor_company_id=getattr(company_of(actor), "pk", None),
            request_company_id=request.company_id,
            company_scoped=step.company_scoped,
        ):
            raise PermissionDenied(NOT_LEAD)
        _validate_new_owner(task, step, request, new_owner)
        old = task.owner
        task.owner = new_owner
        task.save()
        TaskSnooze.objects.filter(task=task).delete()
        note = REASSIGNED.note(old=name_of(old), new=name_of(new_owner))
        transition_record(
            request=request,
            action="reassigned",
            actor=actor,
            task=task,
            comment=reason.strip(),
            notes=[note],
        )
        task_moved_notify(task=task, request=request, actor=actor)
    return task


def _validate_new_owner(task, step, request, new_owner) -> None:
    params = {"name": name_of(new_owner)}
    if new_owner.pk == task.owner_id:
        raise ValidationError({"new_owner": ValidationError(SAME_OWNER, params=params)})
    if not user_holds(new_owner, step, request.company):
        raise ValidationError(
            {"new_owner": ValidationError(CANNOT_TAKE, params=params)}
        )


def task_snooze(*, task_pk: int, user, until, reason: str) -> TaskSnooze:
    """Hide the user's own open task from their open list until ``until``."""
    with transaction.atomic():
        task = FlowTask.objects.select_for_update().get(pk=task_pk)
        if task.owner_id != user.pk or task.status not in OPEN_STATUSES:
            raise PermissionDenied(ONLY_OWNER)
        errors = {}
        if not rules.snooze_until_valid(until, timezone.now()):
            errors["until"] = [IN_THE_PAST]
        if not reason.strip():
            errors["reason"] = [REASON_NEEDED]
        if errors:
            raise ValidationError(errors)
        snooze = TaskSnooze.objects.filter(task=task, user=user).first()
        snooze = snooze or TaskSnooze(task=task, user=user)
        snooze.until, snooze.reason = until, reason.strip()
        snooze.full_clean(exclude=["task", "user"])
        snooze.save()
        _tell([user.pk], {CHANGED: "snooze", "task": task.pk})
    return snooze


def task_wake(*, task_pk: int, user) -> None:
    """Bring a snoozed task back to the user's open list now."""
    with transaction.atomic():
        TaskSnooze.objects.filter(task_id=task_pk, user=user).delete()
        _tell([user.pk], {CHANGED: "snooze", "task": task_pk})
