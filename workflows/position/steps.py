"""The human steps of the position change flow and whose group takes them."""

from home.models.deadlines import Obligation
from registry.roles import Role
from workflows.deadlines import after_obligation
from workflows.steps import register_step

# The contractor's group chosen in the CMS step table (its managers), of
# the company the person works for.
COMPANY = register_step(
    "position.company",
    role=Role.CONTRACTOR_MANAGER,
    company_scoped=True,
    due=after_obligation(Obligation.POSITION_COMPANY_APPROVAL),
)
# The carrier's group chosen in the CMS step table (maintenance managers).
CARRIER = register_step(
    "position.carrier",
    role=Role.MAINTENANCE_MANAGER,
    due=after_obligation(Obligation.POSITION_CARRIER_APPROVAL),
)
