"""The human steps of the staff-change flow and whose group takes them."""

from workflows.steps import register_step

REVIEW = register_step(
    "staff_change.review", group_id=lambda rules: rules.staff_change.review_group.id
)
EXCEPTION = register_step(
    "staff_change.exception",
    group_id=lambda rules: rules.staff_change.exception_group.id,
)
