"""The human steps of the monthly assessment and whose group takes them."""

from registry.roles import Role
from workflows.steps import register_step


def window_due(task, rules):
    """Objections are due when the CMS window of working days closes."""
    process = task.process
    process = process if hasattr(process, "window_closes_at") else process.coerced
    return process.window_closes_at


# The contractor's manager objects to lines (or lets the window pass).
OBJECT = register_step(
    "assessment.object",
    role=Role.CONTRACTOR_MANAGER,
    company_scoped=True,
    due=window_due,
)
# The carrier decides each objection and finalises the month.
DECIDE = register_step("assessment.decide", role=Role.CARRIER_ADMIN)
