import datetime

import pytest

from registry.calendar import local_today
from registry.roles import Role
from workflows.temp_lead.services import TempLeadInput, temp_lead_submit

from ...factories import StaffMemberFactory


@pytest.fixture
def carrier(make_user):
    return make_user(Role.MAINTENANCE_MANAGER)


@pytest.fixture
def stand_in(company_a, contract_a):
    """Group lead 赵强 of company A, on duty."""
    return StaffMemberFactory(
        company=company_a, contract=contract_a, name="赵强", position="group_lead"
    )


@pytest.fixture
def report(manager_a, stand_in):
    """Name a stand-in as company A's manager, ``days`` from ``in_days`` on."""

    def do(days=3, in_days=0, person=None, user=None):
        start = local_today() + datetime.timedelta(days=in_days)
        data = TempLeadInput(
            stand_in=person or stand_in,
            start_date=start,
            end_date=start + datetime.timedelta(days=days - 1),
            reason="负责人外出培训",
        )
        return temp_lead_submit(user=user or manager_a, data=data)

    return do
