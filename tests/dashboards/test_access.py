"""Who sees which numbers: the carrier all companies, a contractor manager its
own; another company asked for in the filter is a 404 on every view."""

import io

import openpyxl
import pytest
from django.urls import reverse

from dashboards.registry import panels
from portal.navigation import entry_points_for

from .conftest import at

pytestmark = pytest.mark.django_db

PAGE = reverse("dashboards:dashboard")
DATA = reverse("dashboards:data")


def export_urls():
    return [reverse("dashboards:export", args=[panel.key]) for panel in panels()]


@pytest.fixture
def both(ticket, site_a, site_b):
    ticket(site_a, at(2026, 5), closed=True)
    for _ in range(3):
        ticket(site_b, at(2026, 5), closed=True, late=True)


def sla_companies(client, **query):
    answer = client.get(DATA, query).json()
    sla = next(p for p in answer["panels"] if p["key"] == "sla")
    return {row["company"]: row["tickets"] for row in sla["rows"]}


def test_manager_sees_only_own_company(both, client_for, manager_a, company_a):
    assert sla_companies(client_for(manager_a)) == {company_a.name_en: 1}


def test_carrier_sees_every_company(
    both, client_for, carrier_admin, company_a, company_b
):
    found = sla_companies(client_for(carrier_admin))

    assert found == {company_a.name_en: 1, company_b.name_en: 3}


def test_carrier_filters_one_company(both, client_for, carrier_admin, company_b):
    found = sla_companies(client_for(carrier_admin), company=company_b.pk)

    assert found == {company_b.name_en: 3}


@pytest.mark.parametrize("url", [PAGE, DATA, *export_urls()])
def test_foreign_company_in_the_filter_is_a_404(
    url, both, client_for, manager_a, company_b
):
    assert client_for(manager_a).get(url, {"company": company_b.pk}).status_code == 404


@pytest.mark.parametrize("url", [PAGE, DATA, *export_urls()])
def test_own_company_in_the_filter_is_allowed(url, client_for, manager_a, company_a):
    assert client_for(manager_a).get(url, {"company": company_a.pk}).status_code == 200


@pytest.mark.parametrize("url", [PAGE, DATA, *export_urls()])
def test_engineer_is_refused(url, client_for, engineer_a):
    assert client_for(engineer_a).get(url).status_code == 403


def test_anonymous_goes_to_login(client_for):
    response = client_for(None).get(PAGE)

    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


@pytest.mark.parametrize("key", [panel.key for panel in panels()])
def test_every_export_holds_only_own_company(
    key, both, client_for, manager_a, company_b, company_a, site_b, make_user
):
    from tests.factories import ContractFactory, LeaveFactory

    ContractFactory(company=company_b, number="HT-B-ONLY")
    LeaveFactory(company=company_b, person__company=company_b)
    response = client_for(manager_a).get(reverse("dashboards:export", args=[key]))
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    text = " ".join(
        str(value)
        for row in book.active.iter_rows(values_only=True)
        for value in row
        if value is not None
    )

    assert company_b.name_en not in text
    assert "HT-B-ONLY" not in text


def test_home_entry_for_carrier_and_manager_only(carrier_admin, manager_a, engineer_a):
    def keys(user):
        return {entry.key for entry in entry_points_for(user)}

    assert "dashboards" in keys(carrier_admin)
    assert "dashboards" in keys(manager_a)
    assert "dashboards" not in keys(engineer_a)
