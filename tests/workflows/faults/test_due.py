"""Each open step of a ticket is due on the queue by the limits on the ticket."""

import pytest

from workflows.faults.models import FaultTicket
from workflows.models import StepDeadline

from .conftest import open_task, task_url

pytestmark = pytest.mark.django_db


def due_of(ticket):
    return FaultTicket.objects.get(pk=ticket.pk).due_at


def test_a_ticket_is_due_by_its_sla_then_by_its_report(
    dispatch, engineer_a, carrier_admin, client_for
):
    ticket = dispatch(level=1)
    assert due_of(ticket) == ticket.sla_due_at is not None
    engineer = client_for(engineer_a)
    engineer.post(task_url(ticket), {})
    assert open_task(ticket).flow_task.name == "arrive"
    assert due_of(ticket) == ticket.sla_due_at
    engineer.post(task_url(ticket), {})
    assert open_task(ticket).flow_task.name == "restore"
    assert due_of(ticket) == ticket.sla_due_at
    engineer.post(task_url(ticket), {"cause": "电源模块故障", "measures": "更换模块"})
    ticket.refresh_from_db()
    assert open_task(ticket).flow_task.name == "report"
    assert due_of(ticket) == ticket.report_due_at is not None
    engineer.post(task_url(ticket), {"report": "故障报告正文"})
    assert open_task(ticket).flow_task.name == "confirm"
    assert due_of(ticket) is None  # the carrier's confirmation has no limit
    steps = StepDeadline.objects.filter(request_id=ticket.pk).order_by("pk")
    assert [(row.step, row.late) for row in steps] == [
        ("faults.accept", False),
        ("faults.arrive", False),
        ("faults.restore", False),
        ("faults.report", False),
    ]
    assert all(row.closed_at is not None for row in steps)
