"""The escalation chain of an overdue ticket, one level at a time.

At the SLA limit an open ticket is overdue and goes up to the first level of
the CMS chain (Rules → SLA: the engineer's group lead, the contractor's
manager, the carrier's maintenance manager by default), then to each next
level at its hours after the limit. Each step is a history entry (a message
key naming the level) and a live queue event to that level's people, the
company and the monitoring centre. A suspended ticket's chain waits: the
limit moves when it resumes, and so does every next level.
"""

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home.models.sla import EscalationTarget
from home.rules import current_rules
from registry.models import StaffMember
from registry.roles import Role
from workflows.notes import NoteMessage
from workflows.services import transition_record

from . import rules
from .models import FaultTicket
from .notices import sla_notify
from .services import ticket_tell


class TargetNote(NoteMessage):
    """A note naming an escalation level, shown in the reader's language."""

    def _shown(self, name, value):
        if name == "target" and value in EscalationTarget.values:
            return EscalationTarget(value).label
        return super()._shown(name, value)


ESCALATED = TargetNote(
    "faults.escalated_to",
    _("SLA limit passed without restoring: escalated to level %(level)s, %(target)s."),
)


def escalation_recipients(*, ticket: FaultTicket, target: str) -> list[int]:
    """The user ids a level of the chain names, within the ticket's company."""
    users = get_user_model().objects.filter(is_active=True)
    if target == EscalationTarget.GROUP_LEAD:
        leads = StaffMember.objects.filter(
            company_id=ticket.company_id,
            position=StaffMember.Position.GROUP_LEAD,
            user__isnull=False,
        ).exclude(status=StaffMember.Status.LEFT)
        team = (
            StaffMember.objects.filter(user_id=ticket.accepted_by_id)
            .values_list("team", flat=True)
            .first()
        )
        if team and leads.filter(team=team).exists():
            leads = leads.filter(team=team)
        users = users.filter(pk__in=leads.values("user_id"))
    elif target == EscalationTarget.CONTRACTOR_MANAGER:
        users = users.filter(
            groups__name=Role.CONTRACTOR_MANAGER,
            membership__company_id=ticket.company_id,
        )
    else:
        users = users.filter(groups__name=Role.MAINTENANCE_MANAGER)
    return sorted(set(users.values_list("pk", flat=True)))


def sla_escalate(*, ticket: FaultTicket, task) -> bool:
    """Go up one level if its moment has come; idempotent (a re-armed or late
    timer escalates nothing twice)."""
    ticket = FaultTicket.objects.select_for_update().get(pk=ticket.pk)
    if not ticket.escalation_pending:
        return False
    snapshot, now = current_rules(), timezone.now()
    level = ticket.escalation_level + 1
    moment = rules.escalation_moment(
        due_at=ticket.sla_due_at, level=level, rules=snapshot
    )
    if moment is None or now < moment:
        return False
    target = rules.escalation_target(level=level, rules=snapshot)
    ticket.escalation_level, ticket.overdue = level, True
    ticket.escalated_at = ticket.escalated_at or now
    ticket.save(update_fields=["escalation_level", "overdue", "escalated_at"])
    transition_record(
        request=ticket,
        action="escalated",
        task=task,
        notes=[ESCALATED.note(level=level, target=target)],
        rules={"topic": "sla", "revision_id": snapshot.sla.revision_id},
    )
    level_people = escalation_recipients(ticket=ticket, target=target)
    ticket_tell(
        ticket=ticket,
        payload={"sla": "overdue", "level": level, "to": target},
        users=level_people,
    )
    sla_notify(ticket, "overdue", extra=level_people)
    return True


def next_escalation_at(ticket: FaultTicket):
    """The moment of the next level up (the chain's timer waits for it)."""
    return rules.escalation_moment(
        due_at=ticket.sla_due_at,
        level=ticket.escalation_level + 1,
        rules=current_rules(),
    )


def escalation_stop(ticket: FaultTicket) -> None:
    """Restored or suspended: the timer waiting for the next level is cancelled
    (resuming or a send-back re-arms the chain from the limit's timer)."""
    from viewflow.workflow.models import Task
    from viewflow.workflow.status import STATUS

    waiting = Task.objects.filter(
        process_id=ticket.pk, flow_task_type="TIMER", status=STATUS.SCHEDULED
    )
    for task in waiting:
        if task.flow_task.name == "escalate_wait":
            task.flow_task.activation_class(task).cancel()
