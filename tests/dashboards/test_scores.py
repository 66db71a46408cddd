"""The monthly scores panel: each company's assessment, to its own managers
only, and a moved score tells the open dashboards."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dashboards.live import CARRIER_GROUP, company_dashboard_group
from home.models.assessment import DeductionEvent
from workflows.assessment.models import ManualDeduction
from workflows.assessment.services import assessment_draft

pytestmark = pytest.mark.django_db
MAY = datetime.date(2026, 5, 1)


@pytest.fixture
def scored(company_a, company_b, contract_a, carrier_admin):
    """May 2026 drafted for both companies; company A had one written complaint."""
    ManualDeduction.objects.create(
        company=company_a,
        event=DeductionEvent.WRITTEN_COMPLAINT,
        occurred_at=datetime.datetime(2026, 5, 20, 10, tzinfo=datetime.UTC),
        description="书面投诉：现场未恢复",
        evidence=SimpleUploadedFile("e.pdf", b"%PDF-1.4\n", "application/pdf"),
        created_by=carrier_admin,
    )
    return [assessment_draft(company=c, month=MAY)[0] for c in (company_a, company_b)]


def panel_rows(client) -> list[dict]:
    data = client.get(reverse("dashboards:data"), {"period": "12m"}).json()
    return next(p for p in data["panels"] if p["key"] == "scores")["rows"]


def test_the_carrier_sees_every_companys_score_and_grade(
    scored, client_for, carrier_admin, company_a, company_b
):
    rows = panel_rows(client_for(carrier_admin))
    by_company = {row["company"]: row for row in rows}
    mine, theirs = (assessment.refresh_from_db() or assessment for assessment in scored)
    assert mine.lines.filter(event=DeductionEvent.WRITTEN_COMPLAINT).count() == 1
    assert by_company[company_a.name_en]["score"] == float(mine.score)
    assert by_company[company_b.name_en]["score"] == float(theirs.score)
    assert by_company[company_a.name_en]["month"] == "2026-05"
    assert by_company[company_a.name_en]["state"] == "Provisional"


def test_a_manager_sees_only_the_own_companys_scores(
    scored, client_for, manager_a, company_a, company_b
):
    rows = panel_rows(client_for(manager_a))
    assert [row["company"] for row in rows] == [company_a.name_en]


def test_a_moved_score_tells_the_companys_and_the_carriers_dashboards(
    scored, monkeypatch, django_capture_on_commit_callbacks
):
    sent = []
    monkeypatch.setattr(
        "dashboards.live.publish_on_commit",
        lambda groups, payload: sent.append((groups, payload)),
    )
    assessment = scored[0]
    assessment.score = 95
    assessment.save(update_fields=["score"])
    company = assessment.contractor_id
    assert sent == [
        (
            [company_dashboard_group(company), CARRIER_GROUP],
            {"dashboard": {"company": company}},
        )
    ]
