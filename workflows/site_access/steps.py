"""The human steps of the site-access flow, whose group takes them, and when
each is due.

``<step>_due(task, rules)`` gives the moment a step is late, for the queue's
deadline column (``workflows.deadlines``): the site owner
decides before the visit begins; the visitors check in and out within it.
"""

from datetime import datetime

from workflows.steps import register_step


def _visit(task):
    from .models import SiteVisit

    process = task.process
    return process if isinstance(process, SiteVisit) else process.coerced


def approval_due(task, rules) -> datetime | None:
    """The approval is due when the window opens: a later one is of no use."""
    return _visit(task).window_start


def check_in_due(task, rules) -> datetime | None:
    return _visit(task).window_end


def check_out_due(task, rules) -> datetime | None:
    """Everyone is out by the end of the window."""
    return _visit(task).window_end


DUE = {
    "approval": approval_due,
    "check_in": check_in_due,
    "check_out": check_out_due,
}

# Check-in and check-out are assigned to the filer (workflows.deadlines).
ASSIGNED_DUE = {"check_in": check_in_due, "check_out": check_out_due}

# The carrier's site owners: the group chosen in the CMS (staff change rules).
SITE_OWNER = register_step(
    "site_access.owner",
    group_id=lambda rules: rules.staff_change.site_access_group.id,
    due=approval_due,
)
