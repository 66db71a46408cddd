"""New staff get the next number of their company's sequence, in its format."""

import pytest
from django.db import transaction

from registry.services import staff_number_next
from tests.factories import CompanyFactory, StaffMemberFactory

pytestmark = pytest.mark.django_db


def next_number(company):
    with transaction.atomic():
        return staff_number_next(company=company)


def test_next_number_follows_the_companys_own_format(company_a):
    for number in ("QM001", "QM002", "QM024", "TEMP-7"):
        StaffMemberFactory(company=company_a, employee_no=number)
    StaffMemberFactory(company=CompanyFactory(), employee_no="QM900")

    assert next_number(company_a) == "QM025"


def test_width_grows_past_the_last_number_of_its_width(company_a):
    StaffMemberFactory(company=company_a, employee_no="XL999")

    assert next_number(company_a) == "XL1000"


def test_a_company_without_staff_starts_from_its_code(company_a):
    assert next_number(company_a) == "HU001"
