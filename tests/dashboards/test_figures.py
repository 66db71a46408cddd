"""The numbers on a small known dataset: each panel's rows as counted by hand."""

import datetime

import pytest

from dashboards.registry import panel_of
from dashboards.selectors import scope_for
from tests.factories import ContractFactory, LeaveFactory
from training.models import Certificate

from .conftest import at

pytestmark = pytest.mark.django_db


def rows(key, user, period="12m", **filters):
    return panel_of(key).rows(scope_for(user=user, period=period, **filters))


@pytest.fixture
def known(ticket, site_a, site_a2, site_b, make_user):
    """Company A: May — 3 closed on time, 1 closed late, 1 open and past its
    limit; January — 1 closed on time in the other region. Company B: one
    closed late in May. One ticket of July last year (outside 12 months)."""
    requester = make_user()
    for _ in range(3):
        ticket(site_a, at(2026, 5), closed=True, requester=requester)
    ticket(site_a, at(2026, 5, 11), closed=True, late=True, requester=requester)
    ticket(site_a, at(2026, 5, 20), requester=requester)  # due long ago, open
    ticket(site_a2, at(2026, 1, 3), closed=True, requester=requester)
    ticket(site_b, at(2026, 5), closed=True, late=True, requester=requester)
    ticket(site_a, at(2025, 6, 1), closed=True, requester=requester)


def test_trend_counts_each_month_of_the_period(known, carrier_admin):
    trend = {row["month"]: row for row in rows("trend", carrier_admin)}

    assert list(trend) == [f"2025-{m:02d}" for m in range(7, 13)] + [
        f"2026-{m:02d}" for m in range(1, 7)
    ]
    assert trend["2026-05"] == {
        "month": "2026-05",
        "dispatched": 6,
        "closed": 5,
        "overdue": 3,
    }
    assert trend["2026-01"]["dispatched"] == 1
    assert trend["2026-03"] == {
        "month": "2026-03",
        "dispatched": 0,
        "closed": 0,
        "overdue": 0,
    }


def test_last_year_period_counts_the_ticket_before_the_twelve_months(
    known, carrier_admin
):
    trend = {row["month"]: row for row in rows("trend", carrier_admin, "last_year")}

    assert trend["2025-06"]["dispatched"] == 1
    assert sum(row["dispatched"] for row in trend.values()) == 1


def test_sla_compliance_is_on_time_over_closed(known, manager_a, company_a):
    sla = {row["region"]: row for row in rows("sla", manager_a)}

    assert sla["Guangzhou"] == {
        "company": company_a.name_en,
        "region": "Guangzhou",
        "tickets": 5,
        "closed": 4,
        "on_time": 3,
        "compliance": 75.0,
        "overdue": 2,
    }
    assert sla["Shenyang"]["compliance"] == 100.0


def test_region_filter_narrows_the_ticket_panels(known, carrier_admin, region_north):
    sla = rows("sla", carrier_admin, region=region_north)

    assert [(row["region"], row["tickets"]) for row in sla] == [("Shenyang", 1)]


def test_no_closed_ticket_has_no_compliance_figure(ticket, site_a, carrier_admin):
    ticket(site_a, at(2026, 6, 1))

    assert rows("sla", carrier_admin)[0]["compliance"] is None


def test_cap_usage_counts_a_change_in_flight_against_the_cap(
    carrier_admin, company_a, submit
):
    # The seeded cap is 15 %: 3 of a headcount of 20.
    contract = ContractFactory(
        company=company_a,
        number="HT-CAP",
        headcount=20,
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 12, 31),
    )
    submit(contract=contract, people_in=1, effective_date=datetime.date(2026, 7, 1))

    found = {row["contract"]: row for row in rows("cap", carrier_admin)}

    assert found["HT-CAP"] == {
        "contract": "HT-CAP",
        "company": company_a.name_en,
        "headcount": 20,
        "allowed": 3,
        "used": 1,
        "usage": 33.3,
    }


def test_requests_per_flow_leave_out_fault_tickets(known, carrier_admin, company_a):
    LeaveFactory.create_batch(2, company=company_a, person__company=company_a)

    found = rows("requests", carrier_admin)

    assert [(row["flow"], row["filed"]) for row in found] == [("Leave", 2)]


def test_training_completion_is_required_modules_passed(
    carrier_admin, staff_a, make_module, company_a
):
    module = make_module()
    Certificate.objects.create(
        number="C-1",
        person=staff_a[0],
        module=module,
        score=90,
        hours=2,
        issued_on=datetime.date(2026, 3, 1),
    )

    assert rows("training", carrier_admin) == [
        {
            "company": company_a.name_en,
            "passed": 1,
            "required": 2,
            "completion": 50.0,
        }
    ]
