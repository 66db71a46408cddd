"""The human steps of the upgrade flow, whose group takes them, when each is due.

Each step goes to the group chosen in the CMS (Rules → Who takes each step);
by default the role groups of DOMAIN.md (maintenance manager, institute
reviewer, provincial approver) and, for the work, the managers of the filing
company (a company step: only its own company's members). Each
``<step>_due(task, rules)`` answers when the open ``task`` is due, or None when
the step has no limit; ``step_due`` is every step's ``due``
(workflows.deadlines).
"""

from datetime import datetime

from registry.roles import Role
from workflows.steps import register_step

from . import rules as upgrade_rules


def _upgrade(task):
    return task.process.coerced if not hasattr(task.process, "system") else task.process


def confirm_due(task, rules) -> datetime | None:
    """Receipt confirmed within the CMS limit of the filing (working days)."""
    return upgrade_rules.confirmation_due(filed_at=task.process.created, rules=rules)


def confirm_late_due(task, rules) -> datetime | None:
    """The escalated confirmation was due when the first one was."""
    return confirm_due(task, rules)


def review_due(task, rules) -> datetime | None:
    return None  # no limit in the CMS for the institute's review


def approval_due(task, rules) -> datetime | None:
    return None  # no limit in the CMS for the provincial approval


def revise_due(task, rules) -> datetime | None:
    return None


def report_start_due(task, rules) -> datetime | None:
    """The work starts before the approved window closes."""
    return _upgrade(task).approved_end


def report_end_due(task, rules) -> datetime | None:
    """The work ends by the approved window's end."""
    return _upgrade(task).approved_end


def rollback_due(task, rules) -> datetime | None:
    return None


def spare_parts_due(task, rules) -> datetime | None:
    return None


def service_record_due(task, rules) -> datetime | None:
    return None


DUE = {
    "confirm": confirm_due,
    "confirm_late": confirm_late_due,
    "review": review_due,
    "approval": approval_due,
    "revise": revise_due,
    "report_start": report_start_due,
    "report_end": report_end_due,
    "rollback": rollback_due,
    "spare_parts": spare_parts_due,
    "service_record": service_record_due,
}


def step_due(task, rules) -> datetime | None:
    """When ``task`` (a human step of this flow) is due."""
    due = DUE.get(task.flow_task.name)
    return due(task, rules) if due else None


CONFIRM = register_step("upgrade.confirm", role=Role.MAINTENANCE_MANAGER, due=step_due)
REVIEW = register_step("upgrade.review", role=Role.INSTITUTE_REVIEWER, due=step_due)
APPROVAL = register_step(
    "upgrade.approval", role=Role.PROVINCIAL_APPROVER, due=step_due
)
EXECUTE = register_step(
    "upgrade.execute",
    role=Role.CONTRACTOR_MANAGER,
    company_scoped=True,
    due=step_due,
)
