import datetime

import pytest

from home.models import StaffChangeRules
from registry.calendar import local_today
from registry.models import StaffMember
from registry.roles import Role
from workflows.leave.services import LeaveInput, leave_submit

from ...factories import StaffMemberFactory


@pytest.fixture
def carrier(make_user):
    """A member of the carrier's leave approvers (maintenance managers by default)."""
    return make_user(Role.MAINTENANCE_MANAGER)


@pytest.fixture
def person_a(company_a, contract_a, engineer_a):
    """Engineer 张伟 of company A, on duty, with a portal account."""
    return StaffMemberFactory(
        company=company_a, contract=contract_a, name="张伟", user=engineer_a
    )


@pytest.fixture
def manager_record_a(company_a, contract_a, manager_a):
    return StaffMemberFactory(
        company=company_a,
        contract=contract_a,
        name="陈经理",
        position=StaffMember.Position.MANAGER,
        user=manager_a,
    )


@pytest.fixture
def file_leave(engineer_a, person_a):
    """File a leave as the engineer; ``days`` long, starting ``in_days`` from today."""

    def do(days=2, in_days=10, user=None, person=None, reason="家中有事"):
        start = local_today() + datetime.timedelta(days=in_days)
        data = LeaveInput(
            person=person,
            start_date=start,
            end_date=start + datetime.timedelta(days=days - 1),
            reason=reason,
        )
        return leave_submit(user=user or engineer_a, data=data)

    return do


@pytest.fixture
def publish_threshold():
    """Publish a new revision of the leave threshold, as an admin does in the CMS."""

    def do(days):
        rules = StaffChangeRules.objects.get()
        rules.leave_carrier_after_days = days
        rules.save_revision().publish()
        return StaffChangeRules.objects.get().live_revision_id

    return do
