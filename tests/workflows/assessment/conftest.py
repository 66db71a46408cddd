import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from home.models import AssessmentRules
from home.services import snippet_publish_changes
from registry.calendar import CALENDAR_ZONE
from workflows.assessment.models import ManualDeduction
from workflows.assessment.services import assessment_draft

# Every test runs on Wednesday 2026-12-02 10:00 in China unless it moves the
# clock: November 2026 has ended, its objection window runs 5 working days.
NOW = datetime.datetime(2026, 12, 2, 10, 0, tzinfo=CALENDAR_ZONE)
NOVEMBER = datetime.date(2026, 11, 1)
PDF = b"%PDF-1.4\n%evidence\n"


def at(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=CALENDAR_ZONE)


def pdf(name="evidence.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def add_event(carrier_admin):
    """``add_event(event, when, company)``: an event the carrier recorded."""

    def do(event, when, company, count=1):
        return [
            ManualDeduction.objects.create(
                company=company,
                event=event,
                occurred_at=when,
                description="书面投诉：现场未恢复",
                evidence=pdf(),
                created_by=carrier_admin,
            )
            for _ in range(count)
        ]

    return do


@pytest.fixture
def draft(carrier_admin):
    """``draft(company, month=NOVEMBER)``: the month's assessment, drafted."""

    def do(company, month=NOVEMBER):
        assessment, _created = assessment_draft(company=company, month=month)
        return assessment

    return do


@pytest.fixture
def publish_assessment():
    """Publish changed assessment rules, as an admin does under Rules."""

    def do(*, deductions=None, bands=None, factors=None, objection_days=None):
        rules = AssessmentRules.objects.get()
        rows = {
            "deductions": [
                {"event": r.event, "points": r.points, "cap": r.cap}
                for r in rules.deductions.all()
            ],
            "bands": [
                {"grade": r.grade, "min_score": r.min_score, "max_score": r.max_score}
                for r in rules.bands.all()
            ],
            "payment_factors": [
                {"min_average": r.min_average, "factor": r.factor}
                for r in rules.payment_factors.all()
            ],
        }
        for row in rows["deductions"]:
            row.update((deductions or {}).get(row["event"], {}))
        if bands is not None:
            rows["bands"] = [
                {"grade": g, "min_score": lo, "max_score": hi} for g, lo, hi in bands
            ]
        if factors is not None:
            rows["payment_factors"] = [
                {"min_average": Decimal(a), "factor": Decimal(f)} for a, f in factors
            ]
        fields = {} if objection_days is None else {"objection_days": objection_days}
        assert snippet_publish_changes(instance=rules, fields=fields, rows=rows)
        return AssessmentRules.objects.get().live_revision_id

    return do
