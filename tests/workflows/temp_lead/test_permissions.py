"""Role × step × action for a temporary lead: only the carrier acknowledges."""

import pytest
from viewflow.workflow.models import Task

from registry.roles import Role

from ..matrix import ACTIONS, case_run

pytestmark = pytest.mark.django_db

ROLES = [r.value for r in Role] + ["requester"]  # requester: manager_a, who named


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", ACTIONS)
def test_only_the_steps_group_may_act(
    role, action, report, manager_a, make_user, client_for
):
    lead = report()
    task = Task.objects.get(process_id=lead.pk, flow_task_type="HUMAN")
    actor = manager_a if role == "requester" else make_user(role)
    case_run(
        client=client_for(actor),
        actor=actor,
        holder=make_user(Role.MAINTENANCE_MANAGER),
        task=task,
        action=action,
        may_act=role == Role.MAINTENANCE_MANAGER,
        decide_data={"comment": "收到"},
    )
