"""Role × step × action for leave: only the step's group acts, on its company."""

import pytest
from viewflow.workflow.models import Task

from registry.roles import Role
from workflows.leave.services import decision_record
from workflows.services import task_act

from ..matrix import ACTIONS, case_run

pytestmark = pytest.mark.django_db

# Contractor managers are of company A, the company of the person on leave;
# the carrier's group is the CMS default. "requester": the engineer who filed.
MAY_ACT = {
    "company_approval": {Role.CONTRACTOR_MANAGER},
    "carrier_approval": {Role.MAINTENANCE_MANAGER},
}
ROLES = [r.value for r in Role] + ["requester"]


def step_task(file_leave, step, manager):
    leave = file_leave(days=5)
    task = Task.objects.get(process_id=leave.pk, flow_task_type="HUMAN")
    if step == "carrier_approval":
        task_act(
            task_pk=task.pk,
            user=manager,
            act=lambda activation: decision_record(
                leave=activation.process,
                task=activation.task,
                user=manager,
                decision="approved",
                comment="",
            ),
        )
        task = Task.objects.get(process_id=leave.pk, status="NEW")
    assert task.flow_task.name == step
    return task


@pytest.mark.parametrize("step", sorted(MAY_ACT))
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", ACTIONS)
def test_only_the_steps_group_may_act(
    step, role, action, file_leave, manager_a, engineer_a, make_user, client_for
):
    task = step_task(file_leave, step, manager_a)
    actor = engineer_a if role == "requester" else make_user(role)
    holder = (
        manager_a if step == "company_approval" else make_user(Role.MAINTENANCE_MANAGER)
    )
    case_run(
        client=client_for(actor),
        actor=actor,
        holder=holder,
        task=task,
        action=action,
        may_act=role in MAY_ACT[step],
        decide_data={"decision": "approved", "comment": ""},
    )


@pytest.mark.parametrize("action", ACTIONS)
def test_another_companys_manager_takes_no_action(
    action, file_leave, manager_a, manager_b, client_for
):
    task = step_task(file_leave, "company_approval", manager_a)
    case_run(
        client=client_for(manager_b),
        actor=manager_b,
        holder=manager_a,
        task=task,
        action=action,
        may_act=False,
        decide_data={"decision": "approved", "comment": ""},
    )
