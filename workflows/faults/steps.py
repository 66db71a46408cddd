"""The human steps of the fault-ticket flow, whose group takes them, when due.

Each step's group is chosen in the CMS (Rules → Who takes each step); the
roles below are the defaults.

A ticket's steps are due by the times fixed at dispatch and restore (the SLA
limit, the fault report's and the overdue analysis's limits, all from the CMS
and stored on the ticket); ``workflows.deadlines`` keeps them on the queue.
"""

from datetime import datetime

from registry.roles import Role
from workflows.steps import register_step


def _ticket(task):
    process = task.process
    return process if hasattr(process, "sla_due_at") else process.coerced


def restore_due(task, rules) -> datetime | None:
    """Accepting and restoring are due by the SLA limit fixed at dispatch."""
    return _ticket(task).sla_due_at


def report_due(task, rules) -> datetime | None:
    return _ticket(task).report_due_at


def analysis_due(task, rules) -> datetime | None:
    return _ticket(task).analysis_due_at


# Steps assigned to the engineer who accepted: node name -> due.
ASSIGNED_DUE = {
    "arrive": restore_due,
    "restore": restore_due,
    "report": report_due,
    "analysis": analysis_due,
}

# The monitoring centre (监控中心) dispatches tickets.
DISPATCH = register_step("faults.dispatch", role=Role.MONITORING_CENTRE)
# An engineer of the company maintaining the site accepts (接单).
ACCEPT = register_step(
    "faults.accept",
    role=Role.CONTRACTOR_ENGINEER,
    company_scoped=True,
    due=restore_due,
)
# The carrier admin confirms the restored fault or sends it back.
CONFIRM = register_step("faults.confirm", role=Role.CARRIER_ADMIN)
