"""Every company-owned row is scoped to the user asking."""

import pytest
from django.contrib.auth.models import AnonymousUser

from registry.roles import CARRIER_ROLES, Role
from registry.selectors import (
    companies_for_user,
    company_of,
    contracts_for_user,
    sites_for_user,
    staff_for_user,
)
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("registry_data")]


def staff_names(user):
    return set(staff_for_user(user).values_list("name", flat=True))


@pytest.mark.parametrize(
    "role", [Role.CONTRACTOR_MANAGER, Role.CONTRACTOR_ENGINEER, Role.TRAINEE]
)
def test_contractor_sees_only_own_company_staff(make_user, company_b, role):
    user = make_user(role, company_b)

    assert staff_names(user) == {"王芳", "刘洋"}


def test_contractor_sees_only_own_company_contracts_and_sites(manager_a, company_a):
    assert list(contracts_for_user(manager_a).values_list("number", flat=True)) == [
        "HT-A-2025"
    ]
    assert list(sites_for_user(manager_a).values_list("code", flat=True)) == [
        "gz-room-01"
    ]
    assert list(companies_for_user(manager_a)) == [company_a]


@pytest.mark.parametrize("role", sorted(CARRIER_ROLES))
def test_carrier_roles_see_every_company(make_user, role):
    user = make_user(role)

    assert staff_names(user) == {"张伟", "李娜", "王芳", "刘洋"}
    assert contracts_for_user(user).count() == 2
    assert sites_for_user(user).count() == 2
    assert companies_for_user(user).count() == 2


def test_superuser_counts_as_carrier(make_user):
    user = make_user(is_superuser=True)

    assert staff_for_user(user).count() == 4


def test_contractor_role_without_company_sees_nothing():
    user = UserFactory(roles=[Role.CONTRACTOR_MANAGER])

    assert company_of(user) is None
    assert not staff_for_user(user).exists()
    assert not contracts_for_user(user).exists()


def test_user_without_role_or_company_sees_nothing(no_role_user):
    assert not staff_for_user(no_role_user).exists()
    assert not contracts_for_user(no_role_user).exists()
    assert not sites_for_user(no_role_user).exists()
    assert not companies_for_user(no_role_user).exists()


def test_anonymous_sees_nothing():
    anonymous = AnonymousUser()

    assert company_of(anonymous) is None
    for selector in (staff_for_user, contracts_for_user, sites_for_user):
        assert not selector(anonymous).exists()


def test_every_listing_carries_its_related_rows_in_one_query(
    make_user, django_assert_num_queries
):
    carrier = make_user(Role.CARRIER_ADMIN)
    assert companies_for_user(carrier).count() == 2  # roles are read beforehand
    reads = {
        contracts_for_user: lambda row: (row.company.code,),
        staff_for_user: lambda row: (row.company.code, row.contract.number),
        sites_for_user: lambda row: (row.region.code, row.maintained_by.code),
    }
    for selector, related in reads.items():
        with django_assert_num_queries(1):
            assert len({related(row) for row in selector(carrier)}) == 2
