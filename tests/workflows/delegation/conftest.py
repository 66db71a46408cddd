import datetime

import pytest
from viewflow.workflow.models import Task

from registry.calendar import local_today
from registry.roles import Role
from workflows.services import task_claim

from ..leave.conftest import file_leave, person_a  # noqa: F401


@pytest.fixture
def manager_a2(make_user, company_a):
    """A second contractor manager of company A: may take the same steps."""
    return make_user(Role.CONTRACTOR_MANAGER, company_a, username="manager_a2")


@pytest.fixture
def claimed_task(file_leave, manager_a):  # noqa: F811
    """The company approval of a leave, claimed by ``manager_a``."""
    leave = file_leave(days=2)
    task = Task.objects.get(process_id=leave.pk, flow_task_type="HUMAN")
    task_claim(task_pk=task.pk, user=manager_a)
    task.refresh_from_db()
    return task


@pytest.fixture
def days():
    def make(first=0, last=3):
        today = local_today()
        return today + datetime.timedelta(days=first), today + datetime.timedelta(
            days=last
        )

    return make
