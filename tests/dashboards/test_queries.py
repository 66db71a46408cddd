"""The data answer takes the same number of queries for 10 tickets as for 200,
and every panel as many for a few rows of what it counts as for many."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dashboards.registry import panels
from dashboards.selectors import scope_for
from tests.factories import (
    ContractFactory,
    LeaveFactory,
    StaffMemberFactory,
    UserFactory,
)
from tests.workflows.obligations.conftest import china
from training.models import Certificate
from workflows.assessment.flows import AssessmentFlow
from workflows.assessment.models import Assessment
from workflows.inspection.flows import InspectionPlanFlow
from workflows.inspection.models import InspectionPlan, PlanRow
from workflows.obligations.models import WorkLog

from .conftest import at

pytestmark = pytest.mark.django_db


def queries(client, url):
    client.get(url)  # warm: sessions, roles, rules snapshot
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def add(ticket, sites, company, count):
    for i in range(count):
        ticket(sites[i % len(sites)], at(2026, 1 + i % 6, 1 + i % 27), closed=i % 2)
    LeaveFactory.create_batch(count // 10, company=company, person__company=company)


@pytest.mark.parametrize("url", ["dashboards:data", "dashboards:dashboard"])
def test_query_count_constant_as_tickets_grow(
    url, ticket, site_a, site_a2, company_a, client_for, carrier_admin, make_user
):
    client = client_for(carrier_admin)
    path = reverse(url)
    add(ticket, [site_a, site_a2], company_a, 10)
    few = queries(client, path)

    add(ticket, [site_a, site_a2], company_a, 190)

    assert queries(client, path) == few


def grow(count, *, ticket, sites, companies, module, checklist, plan_requester):
    """``count`` more of every row a panel counts, spread over the companies:
    tickets, leave, contracts, staff with accounts and their work logs and
    certificates, monthly assessments, planned inspections."""
    for company in companies:
        add(ticket, sites, company, count)
        contract = ContractFactory(company=company)
        plan = InspectionPlan.objects.create(
            flow_class=InspectionPlanFlow,
            reference=f"XJ-{company.code}-{contract.pk}",
            company=company,
            requester=plan_requester,
            summary="巡检计划",
            region=sites[0].region,
            year=2026,
            quarter=2,
            outcome="approved",
        )
        for i in range(count):
            person = StaffMemberFactory(
                company=company, contract=contract, user=UserFactory()
            )
            day = datetime.date(2026, 1 + i % 5, 1 + i % 27)
            WorkLog.objects.create(
                company=company,
                person=person,
                author=person.user,
                day=day,
                position=person.position,
                due_at=china(day.year, day.month, day.day, 18, 30),
                filed_at=china(day.year, day.month, day.day, 18, 40 - i % 20),
                late=i % 2 == 0,
            )
            Certificate.objects.create(
                number=f"C-{person.pk}",
                person=person,
                module=module,
                score=90,
                hours=2,
                issued_on=day,
            )
            PlanRow.objects.create(
                plan=plan, site=sites[0], template=checklist, month=1 + i % 12
            )
        month = datetime.date(2026, 1, 1)
        while Assessment.objects.filter(contractor=company, month=month).exists():
            month = (month + datetime.timedelta(days=31)).replace(day=1)
        for _ in range(min(count, 3)):
            Assessment.objects.create(
                flow_class=AssessmentFlow,
                reference=f"KH-{company.code}-{month:%Y%m}",
                company=company,
                requester=plan_requester,
                summary="月度考核",
                contractor=company,
                month=month,
                score=90,
            )
            month = (month + datetime.timedelta(days=31)).replace(day=1)


def panel_queries(panel, user):
    scope = scope_for(user=user, period="12m")
    with CaptureQueriesContext(connection) as captured:
        panel.rows(scope)
    return len(captured)


@pytest.mark.parametrize("who", ["carrier", "manager", "carrier_one_company"])
def test_every_panels_query_count_is_constant_as_its_rows_grow(
    who,
    ticket,
    site_a,
    site_a2,
    site_b,
    company_a,
    company_b,
    carrier_admin,
    manager_a,
    make_module,
    room_checklist,
):
    user = manager_a if who == "manager" else carrier_admin
    module = make_module()
    data = {
        "ticket": ticket,
        "sites": [site_a, site_a2],
        "companies": [company_a, company_b],
        "module": module,
        "checklist": room_checklist,
        "plan_requester": manager_a,
    }
    if who == "carrier_one_company":
        data["companies"] = [company_a]
    grow(2, **data)
    for panel in panels():
        panel_queries(panel, user)  # the rules snapshot, the roles
    few = {panel.key: panel_queries(panel, user) for panel in panels()}

    grow(12, **data)

    assert {panel.key: panel_queries(panel, user) for panel in panels()} == few
