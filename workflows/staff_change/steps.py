"""The human steps of the staff-change flow and whose group takes them."""

from home.models.deadlines import Obligation
from workflows.deadlines import after_obligation
from workflows.steps import register_step

REVIEW = register_step(
    "staff_change.review",
    group_id=lambda rules: rules.staff_change.review_group.id,
    due=after_obligation(Obligation.STAFF_CHANGE_REVIEW),
)
EXCEPTION = register_step(
    "staff_change.exception",
    group_id=lambda rules: rules.staff_change.exception_group.id,
    due=after_obligation(Obligation.STAFF_CHANGE_EXCEPTION),
)
