import datetime

import pytest

from registry.roles import Role
from workflows.staff_change.services import StaffChangeInput, staff_change_submit

from ..factories import StaffMemberFactory


@pytest.fixture
def reviewer(make_user):
    return make_user(Role.MAINTENANCE_MANAGER)


@pytest.fixture
def head(make_user):
    return make_user(Role.DEPARTMENT_HEAD)


@pytest.fixture
def roster_a(company_a, contract_a):
    """Six people on duty under contract A (headcount 20: 3 positions free)."""
    return [
        StaffMemberFactory(company=company_a, contract=contract_a, name=f"在岗{i}")
        for i in range(6)
    ]


@pytest.fixture
def submit(manager_a, contract_a):
    """Submit a staff change for contract A as its manager."""

    def do(kind="add", people_in=1, staff_out=(), user=None, **extra):
        data = StaffChangeInput(
            contract=extra.pop("contract", contract_a),
            kind=kind,
            reason=extra.pop("reason", "业务量增加"),
            effective_date=extra.pop("effective_date", datetime.date(2025, 6, 1)),
            staff_out=list(staff_out),
            people_in=[
                {"name": f"新人{i}", "phone": "", "qualifications": ""}
                for i in range(people_in)
            ],
        )
        return staff_change_submit(user=user or manager_a, data=data)

    return do
