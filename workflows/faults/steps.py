"""The human steps of the fault-ticket flow and whose group takes them."""

from registry.roles import Role
from workflows.steps import register_step, role_group_id

# The monitoring centre (监控中心) dispatches tickets.
DISPATCH = register_step(
    "faults.dispatch", group_id=role_group_id(Role.MONITORING_CENTRE)
)
# An engineer of the company maintaining the site accepts (接单).
ACCEPT = register_step(
    "faults.accept",
    group_id=role_group_id(Role.CONTRACTOR_ENGINEER),
    company_scoped=True,
)
# The carrier admin confirms the restored fault or sends it back.
CONFIRM = register_step("faults.confirm", group_id=role_group_id(Role.CARRIER_ADMIN))
