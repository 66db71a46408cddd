"""The human steps of the inspection plan flow, whose group takes them, when due."""

from home.models.deadlines import Obligation
from registry.roles import Role
from workflows.deadlines import after_obligation
from workflows.steps import register_step

# The carrier's maintenance managers approve or return a plan (their group is
# chosen under Rules → Who takes each step).
APPROVAL = register_step(
    "inspection.approval",
    role=Role.MAINTENANCE_MANAGER,
    due=after_obligation(Obligation.INSPECTION_PLAN_APPROVAL),
)
# A returned plan goes back to its filer (assigned, so declared per node).
REVISE_DUE = after_obligation(Obligation.INSPECTION_PLAN_REVISION)
