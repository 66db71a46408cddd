"""The human steps of the leave flow and whose group takes them."""

from home.models.deadlines import Obligation
from registry.roles import Role
from workflows.deadlines import after_obligation
from workflows.steps import register_step

# The contractor's manager of the company the person on leave works for.
COMPANY = register_step(
    "leave.company",
    role=Role.CONTRACTOR_MANAGER,
    company_scoped=True,
    due=after_obligation(Obligation.LEAVE_COMPANY_APPROVAL),
)
# The carrier's group chosen in the CMS (staff change rules → leave).
CARRIER = register_step(
    "leave.carrier",
    group_id=lambda rules: rules.staff_change.leave_carrier_group.id,
    due=after_obligation(Obligation.LEAVE_CARRIER_APPROVAL),
)
