"""Who is notified of a fault ticket (``workflows.notifications``), after commit.

Dispatch: the company's duty group (its holders of the accept step).
Warning: the engineer handling it, else the duty group, and the company's
managers. Escalation: those, the monitoring centre and the people of the
level reached (the CMS chain, ``escalation.py``). A chase: the engineer
handling it, else the duty group. Only the ticket's company and the carrier.
"""

from django.urls import reverse

from home.rules import current_rules
from registry.roles import Role
from workflows.notifications import events
from workflows.notifications.events import named
from workflows.notifications.selectors import group_member_ids, role_member_ids
from workflows.notifications.services import notification_send
from workflows.training_notices import managers_of

from .steps import ACCEPT


def duty_ids(ticket) -> list[int]:
    group = ACCEPT.group_id(current_rules())
    return group_member_ids(group_id=group, company_id=ticket.company_id)


def _handlers(ticket) -> list[int]:
    return [ticket.accepted_by_id] if ticket.accepted_by_id else duty_ids(ticket)


def _context(ticket, **extra) -> dict:
    return {"reference": ticket.reference, "site": named(ticket.site), **extra}


def _send(ticket, event, recipients, **extra) -> None:
    notification_send(
        event=event,
        recipients=recipients,
        context=_context(ticket, **extra),
        company_id=ticket.company_id,
        link=reverse("workflows:request", args=[ticket.pk]),
    )


def dispatched_notify(ticket) -> None:
    text = ticket.description[:200]
    _send(
        ticket, events.FAULT_DISPATCHED, duty_ids(ticket), level=ticket.level, text=text
    )


def sla_notify(ticket, sla: str, percent: str = "", extra=()) -> None:
    """``sla``: ``"warning"`` or ``"overdue"`` (as the live event says);
    ``extra``: the people of the escalation level reached."""
    people = _handlers(ticket) + managers_of(ticket.company_id) + list(extra)
    if sla == "warning":
        _send(ticket, events.FAULT_WARNING, people, percent=percent)
        return
    people += role_member_ids(Role.MONITORING_CENTRE)
    _send(ticket, events.FAULT_ESCALATED, people)


def chase_notify(ticket, text: str) -> None:
    """For the chase (催办): tell whoever is to act on the ticket now."""
    _send(ticket, events.FAULT_CHASED, _handlers(ticket), text=text[:200])
