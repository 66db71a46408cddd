"""The human steps of the position change flow and whose group takes them."""

from home.models.deadlines import Obligation
from registry.roles import Role
from workflows.deadlines import after_obligation
from workflows.steps import register_step, role_group_id

# The contractor's manager of the company the person works for.
COMPANY = register_step(
    "position.company",
    group_id=role_group_id(Role.CONTRACTOR_MANAGER),
    company_scoped=True,
    due=after_obligation(Obligation.POSITION_COMPANY_APPROVAL),
)
# The carrier's maintenance managers: the CMS names no group for this flow.
CARRIER = register_step(
    "position.carrier",
    group_id=role_group_id(Role.MAINTENANCE_MANAGER),
    due=after_obligation(Obligation.POSITION_CARRIER_APPROVAL),
)
