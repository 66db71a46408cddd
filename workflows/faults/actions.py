"""Writes of the ticket's side actions: re-dispatch (转派), suspend and resume
(挂起), and chase (催办).

Re-dispatching hands the ticket to another company (or back to its company's
engineers) with a reason: the holder's open step is cancelled with its SLA
timers and a fresh accept step offered to the new company. Suspending is the
holder's request (it completes the restore step), the carrier approves or
refuses it, and while suspended the SLA clock stands still: resuming moves the
limit and the warning by the time stopped, so the restore step's timers are
armed at the shifted moments. Each action is a history entry of message keys.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from viewflow.workflow.status import STATUS

from registry.models import Company
from workflows.notes import NoteMessage
from workflows.services import OPEN_STATUSES, TaskConflict, transition_record

from . import rules
from .escalation import escalation_stop
from .models import FaultTicket
from .notices import chase_notify
from .services import ticket_tell
from .steps import DISPATCH

NOT_REDISPATCHER = _("Only the monitoring centre re-dispatches tickets.")
NEED_REDISPATCH_REASON = _("Say why the ticket is re-dispatched.")
UNKNOWN_COMPANY = _("Choose a contractor company.")
NOT_REDISPATCHABLE = _("Only a ticket not yet restored or suspended is re-dispatched.")
NOT_SUSPENDABLE = _("Only a ticket being restored is suspended.")
NEED_SUSPEND_REASON = _("Say why the ticket is suspended.")
BAD_SUSPEND_DECISION = _("Approve or refuse the suspension.")
NOT_CHASER = _("Only the monitoring centre chases tickets.")
NEED_CHASE_TEXT = _("Write what you chase.")
NOT_CHASEABLE = _("This ticket is restored; there is nothing to chase.")

REDISPATCHED = NoteMessage(
    "faults.redispatched", _("Re-dispatched from %(from)s to %(to)s.")
)
SUSPEND_ASKED = NoteMessage(
    "faults.suspend_asked", _("Suspension asked; the SLA clock runs until approved.")
)
SUSPENDED = NoteMessage(
    "faults.suspended", _("Suspension approved: the SLA clock is stopped.")
)
SUSPEND_REFUSED = NoteMessage(
    "faults.suspend_refused", _("Suspension refused: the SLA clock keeps running.")
)
RESUMED = NoteMessage(
    "faults.resumed",
    _("Resumed after %(hours)s hours suspended: the limit moved to %(due)s."),
)
CHASED = NoteMessage("faults.chased", _("Chased by the monitoring centre."))

# The holder's steps a re-dispatch replaces (``arrive``: on-site tickets).
HOLDER_STEPS = ("accept", "arrive", "restore")


def _holder_task(ticket):
    from viewflow.workflow.models import Task

    tasks = Task.objects.filter(
        process_id=ticket.pk, flow_task_type="HUMAN", status__in=OPEN_STATUSES
    )
    return next((t for t in tasks if t.flow_task.name in HOLDER_STEPS), None)


def _task_replace(activation, node) -> None:
    """Cancel the open task with its armed timers; offer ``node`` in its place."""
    task = activation.task
    for timer in task.leading.filter(status=STATUS.SCHEDULED):
        timer.flow_task.activation_class(timer).cancel()
    activation.cancel()
    node._create(activation, task.token).activate()


def redispatch_validate(*, user, company, reason: str) -> None:
    if not user.has_perm(DISPATCH.permission):
        raise PermissionDenied(NOT_REDISPATCHER)
    errors = {}
    if company is None:
        errors["company"] = [UNKNOWN_COMPANY]
    if not (reason or "").strip():
        errors["reason"] = [NEED_REDISPATCH_REASON]
    if errors:
        raise ValidationError(errors)


def ticket_redispatch(*, ticket, user, company: Company | None, reason: str):
    """Hand the ticket to ``company``'s engineers (转派), with a reason."""
    from .flows import FaultFlow

    redispatch_validate(user=user, company=company, reason=reason)
    task = _holder_task(ticket)
    if task is None:
        raise ValidationError(NOT_REDISPATCHABLE)
    with transaction.atomic(), task.activation() as activation:
        if activation.task.status not in OPEN_STATUSES:
            raise TaskConflict(NOT_REDISPATCHABLE)
        ticket = activation.process
        before = ticket.company
        ticket.company = company
        ticket.accepted_by, ticket.accepted_at = None, None
        ticket.state = FaultTicket.State.DISPATCHED
        ticket.full_clean(exclude=["flow_class", "attachments"])
        ticket.save()
        _task_replace(activation, FaultFlow.accept)
        transition_record(
            request=ticket,
            action="redispatched",
            actor=user,
            comment=reason.strip(),
            notes=[REDISPATCHED.note(**{"from": before.name, "to": company.name})],
        )
        ticket_tell(ticket=ticket, payload={"redispatched": True})
        if before.pk != company.pk:
            before_ticket = FaultTicket(pk=ticket.pk, company_id=before.pk)
            ticket_tell(ticket=before_ticket, payload={"redispatched": True})
    return ticket


def suspend_ask(*, ticket: FaultTicket, task, user, reason: str) -> None:
    """The holder asks to suspend (completes the restore step)."""
    if not (reason or "").strip():
        raise ValidationError({"reason": [NEED_SUSPEND_REASON]})
    ticket.suspend_reason, ticket.suspend_decision = reason.strip(), ""
    ticket.state = FaultTicket.State.SUSPEND_REQUESTED
    ticket.save(update_fields=["suspend_reason", "suspend_decision", "state"])
    transition_record(
        request=ticket,
        action="suspend_asked",
        actor=user,
        task=task,
        comment=ticket.suspend_reason,
        notes=[SUSPEND_ASKED.note()],
    )


def suspend_decide(*, ticket: FaultTicket, task, user, decision: str, comment=""):
    """The carrier approves (the clock stops now) or refuses the suspension."""
    if decision not in FaultTicket.SuspendDecision.values:
        raise ValidationError({"decision": [BAD_SUSPEND_DECISION]})
    approved = decision == FaultTicket.SuspendDecision.APPROVED
    ticket.suspend_decision = decision
    ticket.suspended_at = timezone.now() if approved else None
    ticket.state = (
        FaultTicket.State.SUSPENDED if approved else FaultTicket.State.ACCEPTED
    )
    ticket.due_at = None if approved else ticket.sla_due_at
    ticket.save(update_fields=["suspend_decision", "suspended_at", "state", "due_at"])
    if approved:
        escalation_stop(ticket)
    note = SUSPENDED if approved else SUSPEND_REFUSED
    transition_record(
        request=ticket,
        action="suspended" if approved else "suspend_refused",
        actor=user,
        task=task,
        comment=(comment or "").strip(),
        notes=[note.note()],
    )


def resume_record(*, ticket: FaultTicket, task, user) -> None:
    """Resume: the limit and warning move by the time the clock stood still."""
    now = timezone.now()
    due, warning, stopped = rules.clock_resumed(
        due_at=ticket.sla_due_at,
        warning_at=ticket.warning_at,
        since=ticket.suspended_at or now,
        at=now,
    )
    ticket.sla_due_at, ticket.warning_at, ticket.due_at = due, warning, due
    ticket.suspended_seconds += stopped
    ticket.suspended_at, ticket.state = None, FaultTicket.State.ACCEPTED
    ticket.save()
    hours = f"{stopped / 3600:.2f}".rstrip("0").rstrip(".")
    transition_record(
        request=ticket,
        action="resumed",
        actor=user,
        task=task,
        notes=[RESUMED.note(hours=hours, due=timezone.localtime(due).isoformat())],
    )


def ticket_chase(*, ticket: FaultTicket, user, text: str) -> None:
    """The monitoring centre chases (催办): live to the holder, in the history."""
    if not user.has_perm(DISPATCH.permission):
        raise PermissionDenied(NOT_CHASER)
    if not (text or "").strip():
        raise ValidationError({"text": [NEED_CHASE_TEXT]})
    with transaction.atomic():
        ticket = FaultTicket.objects.select_for_update().get(pk=ticket.pk)
        if ticket.restored_at is not None or ticket.finished is not None:
            raise ValidationError(NOT_CHASEABLE)
        ticket.chased_at = timezone.now()
        ticket.save(update_fields=["chased_at"])
        transition_record(
            request=ticket,
            action="chased",
            actor=user,
            comment=text.strip(),
            notes=[CHASED.note()],
        )
        holder = [ticket.accepted_by_id] if ticket.accepted_by_id else []
        payload = {"chased": text.strip(), "reference": ticket.reference}
        ticket_tell(ticket=ticket, payload=payload, users=holder)
        chase_notify(ticket, text.strip())
