from django.db.models import QuerySet

from registry.roles import Role, is_carrier, roles_of
from workflows.selectors import flow_requests_for_user

from .models import FaultTicket


def tickets_for(user) -> QuerySet[FaultTicket]:
    """The tickets ``user`` may see: a contractor only its company's."""
    return flow_requests_for_user(user, FaultTicket).select_related(
        "site", "site__region", "accepted_by", "arrival"
    )


def sla_flags(pks) -> dict[int, str]:
    """Queue row notes: the SLA state of each open ticket among ``pks``, one query."""
    from django.utils.translation import gettext as _

    lines = {}
    rows = FaultTicket.objects.filter(pk__in=pks).only(
        "pk",
        "overdue",
        "escalated_at",
        "restored_at",
        "sla_due_at",
        "warning_at",
        "warned_at",
    )
    for ticket in rows:
        flag = ticket.sla_flag
        if flag == "overdue":
            lines[ticket.pk] = _("SLA overdue")
        elif flag == "warning":
            lines[ticket.pk] = _("SLA warning")
    return lines


HANDLING_ROLES = frozenset({Role.CONTRACTOR_MANAGER, Role.CONTRACTOR_ENGINEER})


def may_see_tickets(user) -> bool:
    """The carrier, and the contractor's managers and engineers, open the list."""
    return is_carrier(user) or bool(roles_of(user) & HANDLING_ROLES)


def step_task(ticket, node: str):
    """The ticket's open human task of ``node``, or None."""
    from viewflow.workflow.models import Task

    from workflows.services import OPEN_STATUSES

    tasks = Task.objects.filter(
        process_id=ticket.pk, flow_task_type="HUMAN", status__in=OPEN_STATUSES
    )
    return next((task for task in tasks if task.flow_task.name == node), None)


def ticket_actions_for(*, user, ticket) -> dict:
    """Which side actions the ticket page offers ``user`` (each checked again
    on the server when taken)."""
    from .steps import DISPATCH

    open_ = ticket.restored_at is None and ticket.finished is None
    centre = open_ and user.has_perm(DISPATCH.permission)
    holder = ticket.accepted_by_id == user.pk and step_task(ticket, "restore")
    return {
        "redispatch": centre and ticket.state in REDISPATCHABLE,
        "chase": centre,
        "suspend": open_ and bool(holder),
    }


REDISPATCHABLE = (FaultTicket.State.DISPATCHED, FaultTicket.State.ACCEPTED)
