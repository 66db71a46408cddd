"""Writes every flow shares: references, the audit trail, acting on a task."""

from collections.abc import Callable
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from viewflow.workflow.models import Task as FlowTask
from viewflow.workflow.status import STATUS

from registry.models import StaffMember

from .delegation.selectors import stands_in
from .locks import task_activation
from .models import ReferenceSequence, Request, Transition
from .rules import task_claimable_by, task_releasable_by

ALREADY_HANDLED = _("This task has already been handled by someone else.")
CLAIMED_BY_OTHER = _("Another person has claimed this task.")
NOT_YOURS = _("You may not act on this task.")
OPEN_STATUSES = (STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED)


class TaskConflict(Exception):
    """The task is no longer open to this user: answer 409, never 500."""


def new_reference(prefix: str) -> str:
    """The next reference of ``prefix`` this year, like ``SC-2026-00042``.

    Taken in the caller's transaction under a lock on the (kind, year) row, so
    a filing that rolls back gives its number back and concurrent filings get
    consecutive numbers (PostgreSQL row lock; SQLite's IMMEDIATE transactions
    serialise writers).
    """
    year = timezone.localdate().year
    with transaction.atomic():
        sequence, _created = (
            ReferenceSequence.objects.select_for_update().get_or_create(
                kind=prefix, year=year
            )
        )
        sequence.last += 1
        sequence.save(update_fields=["last"])
    return f"{prefix}-{year}-{sequence.last:05d}"


def person_lock(*, person_id: int) -> None:
    """Serialise the writes that book a person's days: leave and stand-in terms.

    ``FOR NO KEY UPDATE`` on PostgreSQL, so rows that merely reference the
    person (checked at commit) never wait on it; SQLite's IMMEDIATE
    transactions already serialise writers.
    """
    StaffMember.objects.select_for_update(no_key=True).only("pk").get(pk=person_id)


def transition_record(
    *,
    request: Request,
    action: str,
    actor=None,
    task=None,
    comment: str = "",
    notes: list[dict] | None = None,
    rules: dict | None = None,
) -> Transition:
    """Record one step: ``comment`` is what the person wrote, ``notes`` what
    the portal noted (``workflows.notes`` keys), ``rules`` the values it read."""
    record = Transition(
        request=request,
        action=action,
        actor=actor,
        task=task,
        step=str(task.flow_task.name) if task is not None else "",
        comment=comment,
        notes=notes or [],
        rules=rules or {},
    )
    record.full_clean(exclude=["request", "task", "actor"])
    record.save()
    return record


def _open_task(task_pk: int) -> FlowTask:
    task = FlowTask.objects.filter(pk=task_pk).first()
    if task is None or task.flow_task is None:
        raise FlowTask.DoesNotExist
    return task


def task_act(
    *, task_pk: int, user, act: Callable, task: FlowTask | None = None
) -> FlowTask:
    """Claim the task if needed and complete it with ``act(activation)``.

    Runs under the flow lock in one transaction: of two concurrent calls the
    second sees the task done and raises ``TaskConflict``. ``task`` is the
    row as the caller already read it (a page's), read again under the lock.
    """
    task = task or _open_task(task_pk)
    with task_activation(task) as activation:
        task = activation.task
        if task.status not in OPEN_STATUSES:
            raise TaskConflict(ALREADY_HANDLED)
        if task.owner_id is None:
            if not task_claimable_by(user, task):
                raise PermissionDenied(NOT_YOURS)
            activation.assign(user)
        elif task.owner_id != user.pk:
            if not stands_in(user, task, activation.process.company):
                raise TaskConflict(CLAIMED_BY_OTHER)
            from .delegation.services import act_for_absent

            act_for_absent(activation=activation, user=user)
        if task.status == STATUS.ASSIGNED:
            activation.start(None)
        act(activation)
        activation.execute()
    return task


def task_claim(*, task_pk: int, user) -> FlowTask:
    task = _open_task(task_pk)
    with task_activation(task) as activation:
        task = activation.task
        if task.status != STATUS.NEW or task.owner_id is not None:
            raise TaskConflict(ALREADY_HANDLED)
        if not task_claimable_by(user, task):
            raise PermissionDenied(NOT_YOURS)
        activation.assign(user)
        transition_record(
            request=activation.process, action="claimed", actor=user, task=task
        )
    return task


def task_release(*, task_pk: int, user) -> FlowTask:
    task = _open_task(task_pk)
    with task_activation(task) as activation:
        task = activation.task
        if task.status != STATUS.ASSIGNED:
            raise TaskConflict(ALREADY_HANDLED)
        if not task_releasable_by(user, task):
            raise PermissionDenied(NOT_YOURS)
        activation.unassign()
        transition_record(
            request=activation.process, action="released", actor=user, task=task
        )
    return task


SUMMARY_LANGUAGES = (("summary", "zh-hans"), ("summary_en", "en"))


def summary_write(request: Request, message, **params) -> None:
    """Write ``message % params`` as the summary, in Chinese and in English.

    The summary is read by people of either language (the queue, the request
    page, the API), so it is composed once per language when filed; dates in
    ``params`` are formatted the way each language writes them.
    """
    for field, language in SUMMARY_LANGUAGES:
        with translation.override(language):
            values = {
                key: date_format(value) if isinstance(value, date) else value
                for key, value in params.items()
            }
            text = str(message) % values if values else str(message)
            setattr(request, field, text[:200])


def clash_validate(clashes, message, field: str | None = None) -> None:
    """Refuse dates that overlap a row of ``clashes``, naming the earliest's dates.

    ``message`` takes ``%(start)s`` and ``%(end)s``; ``field`` puts the error
    on that field instead of the whole form.
    """
    clash = clashes.order_by("start_date").first()
    if clash is None:
        return
    error = ValidationError(
        message, params={"start": clash.start_date, "end": clash.end_date}
    )
    raise ValidationError({field: error}) if field else error
