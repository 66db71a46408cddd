"""The demo holds an approved plan with inspections and one awaiting the carrier."""

import datetime

import pytest
import time_machine
from django.core.management import call_command
from viewflow.workflow.models import Task

from workflows.inspection.models import (
    Execution,
    Finding,
    InspectionPlan,
    RecheckDraw,
    SpotCheckDraw,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def clock():
    """Yield to the demo's own day: the package's fixed test clock is not needed."""
    with time_machine.travel(datetime.datetime(2026, 8, 20, 2, 0), tick=False):
        yield


def test_demo_plans_executions_and_findings():
    call_command("load_demo")
    approved = InspectionPlan.objects.get(outcome="approved")
    assert (approved.year, approved.quarter, approved.late) == (2026, 3, True)
    waiting = InspectionPlan.objects.get(outcome="")
    assert (waiting.year, waiting.quarter) == (2026, 4)
    task = Task.objects.get(process_id=waiting.pk, status="NEW")
    assert task.flow_task.name == "approval"
    done = Execution.objects.get(submitted_at__isnull=False)
    assert done.row.month == 8
    assert Execution.objects.filter(submitted_at__isnull=True).count() == 1
    assert Finding.objects.filter(follow_up="scheduled", resolved_at=None).count() == 1
    assert Finding.objects.filter(follow_up="rectified").count() == 1
    draw = RecheckDraw.objects.get(company=approved.company, year=2026, month=8)
    assert [r.result for r in draw.rechecks.all()] == ["failed"]
    assert draw.rechecks.get().execution == done
    spot = SpotCheckDraw.objects.get(company=approved.company, year=2026)
    drawn = spot.sites.count()
    assert spot.sites.filter(done_at__isnull=False).count() == max(1, drawn // 2)
    before = list(Finding.objects.values_list("pk", "follow_up"))
    call_command("load_demo")
    assert list(Finding.objects.values_list("pk", "follow_up")) == before
    assert RecheckDraw.objects.filter(company=approved.company).count() == 1
    assert InspectionPlan.objects.count() == 2
