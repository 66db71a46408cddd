"""Each approval level has its due time from the CMS obligations, when it opens."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from viewflow.workflow.models import Task

from workflows.models import StepDeadline

pytestmark = pytest.mark.django_db
CST = ZoneInfo("Asia/Shanghai")


def at(*args) -> datetime:
    return datetime(*args, tzinfo=CST)


def decide(client, change):
    task = Task.objects.get(process_id=change.pk, status__in=["NEW", "ASSIGNED"])
    url = reverse("workflows:task", args=[change.pk, task.pk])
    return client.post(url, {"decision": "approved", "comment": ""})


def test_company_then_carrier_due_times(file_change, manager_a, carrier, client_for):
    with time_machine.travel(at(2025, 9, 29, 9, 0), tick=False):
        change = file_change(in_days=30)
    change.refresh_from_db()
    # 2 working days (CMS): 30 September is the 1st, 1-8 October off → 9 October.
    company_due = change.due_at
    assert company_due == at(2025, 10, 9, 9, 0)
    with time_machine.travel(at(2025, 10, 10, 14, 0), tick=False):
        assert decide(client_for(manager_a), change).status_code == 302
    change.refresh_from_db()
    # 3 working days: Saturday 11 October is worked, then Monday and Tuesday.
    assert change.due_at == at(2025, 10, 14, 14, 0)
    company, carrier_row = StepDeadline.objects.filter(request=change).order_by("pk")
    assert company.step == "position.company" and company.due_at == company_due
    assert company.late
    assert carrier_row.step == "position.carrier" and carrier_row.closed_at is None
    with time_machine.travel(at(2025, 10, 11, 9, 0), tick=False):
        assert decide(client_for(carrier), change).status_code == 302
    change.refresh_from_db()
    carrier_row.refresh_from_db()
    assert change.due_at is None and not carrier_row.late
