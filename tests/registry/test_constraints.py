"""Single-row invariants of the registry, held by the database and by full_clean."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from registry.models import StaffMember
from tests.factories import CompanyFactory, ContractFactory, StaffMemberFactory

pytestmark = pytest.mark.django_db

JAN_1 = datetime.date(2025, 1, 1)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def violates_database(factory, **kwargs):
    """True when the database itself refuses the row."""
    try:
        with transaction.atomic():
            factory(**kwargs)
    except IntegrityError:
        return True
    return False


@pytest.mark.parametrize("end", [JAN_1, JAN_1 - datetime.timedelta(days=1)])
def test_contract_period_must_start_before_it_ends(end):
    assert violates_database(ContractFactory, period_start=JAN_1, period_end=end)


def test_contract_period_error_is_readable_on_full_clean():
    contract = ContractFactory.build(
        company=CompanyFactory(), period_start=JAN_1, period_end=JAN_1
    )

    with pytest.raises(ValidationError) as error:
        contract.full_clean()

    assert "The period must start before it ends." in error.value.messages


def test_contract_headcount_must_be_positive():
    assert violates_database(ContractFactory, headcount=0)
    contract = ContractFactory.build(company=CompanyFactory(), headcount=0)
    with pytest.raises(ValidationError) as error:
        contract.full_clean()
    assert "The headcount must be at least 1." in error.value.messages


def test_employee_no_is_unique_within_a_company():
    company = CompanyFactory()
    StaffMemberFactory(company=company, employee_no="E-1")

    assert violates_database(StaffMemberFactory, company=company, employee_no="E-1")


def test_employee_no_is_reusable_in_another_company():
    StaffMemberFactory(company=CompanyFactory(), employee_no="E-1")

    StaffMemberFactory(company=CompanyFactory(), employee_no="E-1")

    assert StaffMember.objects.filter(employee_no="E-1").count() == 2


def test_staff_cannot_leave_before_joining():
    assert violates_database(
        StaffMemberFactory,
        joined_on=JAN_1,
        left_on=JAN_1 - datetime.timedelta(days=1),
    )


def test_staff_may_leave_on_the_day_they_joined():
    person = StaffMemberFactory(joined_on=JAN_1, left_on=JAN_1)

    person.full_clean()


def test_staff_contract_must_belong_to_their_company():
    other_contract = ContractFactory(company=CompanyFactory())
    person = StaffMemberFactory.build(company=CompanyFactory(), contract=other_contract)

    with pytest.raises(ValidationError) as error:
        person.full_clean()

    assert error.value.message_dict["contract"] == [
        "The contract belongs to another company."
    ]


def test_staff_contract_of_their_own_company_is_valid():
    contract = ContractFactory()
    person = StaffMemberFactory.build(company=contract.company, contract=contract)

    person.full_clean()
