import datetime

import pytest

from registry.calendar import local_today
from registry.models import StaffMember
from registry.roles import Role
from workflows.position.services import PositionInput, position_submit

from ...factories import RegionFactory, StaffMemberFactory


@pytest.fixture
def carrier(make_user):
    """A maintenance manager of the carrier: the group of the carrier's step."""
    return make_user(Role.MAINTENANCE_MANAGER)


@pytest.fixture
def other_region():
    return RegionFactory(code="gz-haizhu", name_zh="广州海珠", name_en="Haizhu")


@pytest.fixture
def person_a(company_a, contract_a, region):
    """Engineer 张伟 of company A, on duty in 天河, group 一组."""
    return StaffMemberFactory(
        company=company_a, contract=contract_a, name="张伟", team="一组", region=region
    )


@pytest.fixture
def person_b(company_b, contract_b):
    return StaffMemberFactory(company=company_b, contract=contract_b, name="王强")


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
def file_change(manager_a, person_a):
    """File a change as manager A: ``person`` becomes group lead ``in_days`` on."""

    def do(in_days=10, user=None, person=None, **move):
        data = PositionInput(
            person=person or person_a,
            effective_date=local_today() + datetime.timedelta(days=in_days),
            reason="一组组长调离，由其接任",
            position=move.get("position", StaffMember.Position.GROUP_LEAD),
            team=move.get("team", ""),
            region=move.get("region"),
        )
        return position_submit(user=user or manager_a, data=data)

    return do
