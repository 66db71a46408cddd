"""The human steps of the report flow and whose group takes them."""

from registry.roles import Role
from workflows.steps import register_step

# The carrier's maintenance managers receive a report and accept or return it
# (their group is chosen under Rules → Who takes each step).
REVIEW = register_step("obligations.report_review", role=Role.MAINTENANCE_MANAGER)
