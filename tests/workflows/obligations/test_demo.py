"""The demo holds weeks of work logs (some late, some missing, one urgent) and
reports in every state; a second load adds nothing."""

import datetime

import pytest
from django.core.management import call_command

from registry.models import Company
from workflows.obligations.models import LogEntry, ObligationReport, WorkLog
from workflows.obligations.selectors import lapses_for, obligation_counts

from .conftest import china

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("day", [(2026, 8, 20), (2026, 12, 2)])
def test_demo_logs_and_reports(at, day):
    with at(*day, 10, 0):
        call_command("load_demo")
        today = datetime.date(*day)
        assert WorkLog.objects.filter(late=True).exists()
        assert LogEntry.objects.filter(urgent=True).count() == 1
        states = set(ObligationReport.objects.values_list("decision", "outcome"))
        assert {("", ""), ("returned", ""), ("accepted", "approved")} <= states
        qiming = Company.objects.get(code="qiming")
        start = today - datetime.timedelta(days=28)
        kinds = {
            lapse.kind for lapse in lapses_for(company=qiming, start=start, end=today)
        }
        assert {"late_log", "missing_log", "missing_report"} <= kinds
        counts = obligation_counts(company_ids=[qiming.pk], start=start, end=today)
        row = counts[qiming.pk]
        assert row["due"] == row["on_time"] + row["late"] + row["missing"] > 0
        before = (WorkLog.objects.count(), ObligationReport.objects.count())
        call_command("load_demo")
        assert (WorkLog.objects.count(), ObligationReport.objects.count()) == before
    assert china(*day, 10, 0)
