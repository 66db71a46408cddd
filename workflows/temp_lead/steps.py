"""The human step of the temporary-lead flow: the carrier acknowledges."""

from home.models.deadlines import Obligation
from registry.roles import Role
from workflows.deadlines import after_obligation
from workflows.steps import register_step

ACKNOWLEDGE = register_step(
    "temp_lead.acknowledge",
    role=Role.MAINTENANCE_MANAGER,
    due=after_obligation(Obligation.TEMP_LEAD_ACKNOWLEDGEMENT),
)
