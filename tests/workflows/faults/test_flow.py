"""The fault-ticket flow driven through its real pages."""

import pytest
from django.urls import reverse

from workflows.faults.models import FaultTicket

from .conftest import actions, open_task, task_url

pytestmark = pytest.mark.django_db


def step(client, ticket, data=None):
    return client.post(task_url(ticket), data or {})


def test_level_one_ticket_from_dispatch_to_close(
    dispatch, engineer_a, carrier_admin, client_for
):
    ticket = dispatch(level=1)
    assert open_task(ticket).flow_task.name == "accept"
    engineer = client_for(engineer_a)
    assert engineer.get(task_url(ticket)).status_code == 200
    assert step(engineer, ticket).status_code == 302
    ticket.refresh_from_db()
    assert ticket.state == "accepted" and ticket.accepted_by == engineer_a
    note = engineer.post(
        reverse("workflows:fault_progress", args=[ticket.pk]),
        {"text": "已到站，排查电源"},
    )
    assert note.status_code == 302
    assert open_task(ticket).flow_task.name == "arrive"
    assert step(engineer, ticket).status_code == 302
    assert (
        step(
            engineer, ticket, {"cause": "电源模块故障", "measures": "更换模块"}
        ).status_code
        == 302
    )
    ticket.refresh_from_db()
    assert ticket.state == "restored" and ticket.report_due_at is not None
    assert open_task(ticket).flow_task.name == "report"
    assert step(engineer, ticket, {"report": "故障报告正文"}).status_code == 302
    assert open_task(ticket).flow_task.name == "confirm"
    admin = client_for(carrier_admin)
    page = admin.get(reverse("workflows:request", args=[ticket.pk]))
    assert page.status_code == 200 and 'data-sla="ok"' in page.content.decode()
    assert step(admin, ticket, {"decision": "confirmed"}).status_code == 302
    ticket.refresh_from_db()
    assert ticket.finished is not None and ticket.state == "closed"
    assert actions(ticket) == [
        "dispatched",
        "accepted",
        "progress",
        "arrived",
        "restored",
        "reported",
        "confirmed",
    ]


def test_sent_back_goes_to_restore_again(
    dispatch, engineer_a, carrier_admin, client_for
):
    ticket = dispatch(level=3)
    engineer = client_for(engineer_a)
    step(engineer, ticket)
    step(engineer, ticket)  # arrive
    step(engineer, ticket, {"cause": "光缆中断", "measures": "熔接"})
    assert open_task(ticket).flow_task.name == "confirm"
    admin = client_for(carrier_admin)
    refused = step(admin, ticket, {"decision": "returned", "comment": ""})
    assert refused.status_code == 200
    assert (
        step(
            admin, ticket, {"decision": "returned", "comment": "告警未清除"}
        ).status_code
        == 302
    )
    ticket.refresh_from_db()
    assert ticket.restored_at is None and ticket.state == FaultTicket.State.ACCEPTED
    assert open_task(ticket).flow_task.name == "restore"
    assert open_task(ticket).owner == engineer_a
