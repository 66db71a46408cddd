"""The obligations panel: logs and reports due, on time, late and missing,
per company, to the company's own managers only; a filed log refreshes it."""

import datetime

import pytest
from django.urls import reverse

from dashboards.live import CARRIER_GROUP, company_dashboard_group
from workflows.obligations.models import WorkLog

from ..factories import StaffMemberFactory, UserFactory
from ..workflows.obligations.conftest import china

pytestmark = pytest.mark.django_db


@pytest.fixture
def late_log(company_a):
    person = StaffMemberFactory(
        company=company_a, user=UserFactory(), joined_on=datetime.date(2026, 6, 1)
    )
    return WorkLog.objects.create(
        company=company_a,
        person=person,
        author=person.user,
        day=datetime.date(2026, 6, 2),
        position=person.position,
        due_at=china(2026, 6, 2, 18, 30),
        filed_at=china(2026, 6, 2, 19, 5),
        late=True,
    )


def panel_rows(client) -> list[dict]:
    data = client.get(reverse("dashboards:data"), {"period": "12m"}).json()
    return next(p for p in data["panels"] if p["key"] == "obligations")["rows"]


def test_the_counts_add_up_and_stay_with_their_company(
    late_log, client_for, carrier_admin, manager_b, company_a
):
    rows = {row["company"]: row for row in panel_rows(client_for(carrier_admin))}
    mine = rows[company_a.name_en]
    assert mine["late"] == 1
    assert mine["due"] == mine["on_time"] + mine["late"] + mine["missing"]
    assert company_a.name_en not in {
        row["company"] for row in panel_rows(client_for(manager_b))
    }


def test_a_filed_log_tells_its_companys_and_the_carriers_dashboards(
    late_log, monkeypatch
):
    sent = []
    monkeypatch.setattr(
        "dashboards.live.publish_on_commit",
        lambda groups, payload: sent.append((groups, payload)),
    )
    late_log.save()
    company = late_log.company_id
    assert sent == [
        (
            [company_dashboard_group(company), CARRIER_GROUP],
            {"dashboard": {"company": company}},
        )
    ]
