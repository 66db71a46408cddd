"""Suspend and resume (挂起): the holder asks with a reason, the carrier approves,
the SLA clock stands still while suspended; warning and escalation fire at the
moved moments and not before (the clock moved with time_machine)."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from viewflow.workflow.models import Task

from workflows.faults.actions import NEED_SUSPEND_REASON
from workflows.faults.models import FaultTicket

from ..api_clients import API, bearer, post_json
from .conftest import actions, open_task, task_url
from .test_sla import T0, fire_at, no_closing  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db
FAULTS = f"{API}/faults"
HOUR = timedelta(hours=1)


def ask(client, ticket, reason="业主阻挠进站，等待协调"):
    url = reverse("workflows:fault_suspend", args=[ticket.pk])
    return client.post(url, {"reason": reason})


def accepted(dispatch, client_for, engineer_a, **kw):
    with time_machine.travel(T0, tick=False):
        ticket = dispatch(**kw)
        engineer = client_for(engineer_a)
        engineer.post(task_url(ticket))
        if ticket.on_site:
            engineer.post(task_url(ticket))  # arrive on site
    return ticket, engineer


def test_suspended_for_3_hours_the_limit_and_warning_move_3_hours(
    dispatch, engineer_a, carrier_admin, client_for
):
    # Level 1 on site, core city: 5 h, warning at 4 h.
    ticket, engineer = accepted(dispatch, client_for, engineer_a, level=1)
    start = T0 + HOUR
    with time_machine.travel(start, tick=False):
        assert ask(engineer, ticket).status_code == 302
        assert open_task(ticket).flow_task.name == "approve_suspend"
        admin = client_for(carrier_admin)
        assert admin.post(task_url(ticket), {"decision": "approved"}).status_code == 302
    ticket.refresh_from_db()
    assert ticket.state == FaultTicket.State.SUSPENDED
    assert ticket.suspended_at == start
    # Suspended: no timer is armed; the old warning moment passes unnoticed.
    assert fire_at(T0 + 4 * HOUR - timedelta(seconds=1)) == 0
    armed = Task.objects.filter(process_id=ticket.pk, status="SCHEDULED")
    assert not armed.exists()
    with time_machine.travel(start + 3 * HOUR, tick=False):
        engineer = client_for(engineer_a)
        assert open_task(ticket).flow_task.name == "resume"
        assert engineer.post(task_url(ticket)).status_code == 302
    ticket.refresh_from_db()
    assert ticket.sla_due_at == T0 + 8 * HOUR and ticket.warning_at == T0 + 7 * HOUR
    assert ticket.suspended_seconds == 3 * 3600 and ticket.suspended_at is None
    assert open_task(ticket).flow_task.name == "restore"

    assert fire_at(T0 + 7 * HOUR - timedelta(seconds=1)) == 0
    fire_at(T0 + 7 * HOUR)
    ticket.refresh_from_db()
    assert ticket.warned_at == T0 + 7 * HOUR and ticket.escalated_at is None
    fire_at(T0 + 8 * HOUR - timedelta(seconds=1))
    ticket.refresh_from_db()
    assert ticket.escalated_at is None and not ticket.overdue
    fire_at(T0 + 8 * HOUR)
    ticket.refresh_from_db()
    assert ticket.escalated_at == T0 + 8 * HOUR and ticket.escalation_level == 1
    assert actions(ticket) == [
        "dispatched", "accepted", "arrived", "suspend_asked", "suspended", "resumed",
        "warned", "escalated",
    ]  # fmt: skip
    keys = [n["key"] for t in ticket.transitions.all() for n in t.notes]
    assert {"faults.suspend_asked", "faults.suspended", "faults.resumed"} <= set(keys)


def test_a_suspension_needs_the_carriers_approval(
    dispatch, engineer_a, carrier_admin, manager_a, noc, client_for
):
    ticket, engineer = accepted(dispatch, client_for, engineer_a, level=1)
    with time_machine.travel(T0 + HOUR, tick=False):
        answer = ask(engineer, ticket, reason=" ")
        shown = [str(m) for m in engineer.get(answer.url).context["messages"]]
        assert str(NEED_SUSPEND_REASON) in shown
        assert open_task(ticket).flow_task.name == "restore"
        ask(engineer, ticket)
        approve = task_url(ticket)
        for other in (engineer_a, manager_a, noc):
            refused = client_for(other).post(approve, {"decision": "approved"})
            assert refused.status_code == 403
    ticket.refresh_from_db()
    assert ticket.state == FaultTicket.State.SUSPEND_REQUESTED
    # Until the carrier decides, the clock runs: the warning fires on time.
    fire_at(T0 + 4 * HOUR)
    ticket.refresh_from_db()
    assert ticket.warned_at == T0 + 4 * HOUR
    with time_machine.travel(T0 + 4 * HOUR, tick=False):
        admin = client_for(carrier_admin)
        admin.post(approve, {"decision": "refused", "comment": "请尽快处理"})
    ticket.refresh_from_db()
    assert ticket.state == FaultTicket.State.ACCEPTED
    assert ticket.sla_due_at == T0 + 5 * HOUR and ticket.suspended_seconds == 0
    assert open_task(ticket).flow_task.name == "restore"
    fire_at(T0 + 5 * HOUR)
    ticket.refresh_from_db()
    assert ticket.escalation_level == 1
    assert "suspend_refused" in actions(ticket)


def test_suspend_decide_and_resume_through_the_api(
    dispatch, engineer_a, engineer_b, carrier_admin
):
    ticket = dispatch(level=3)
    url = f"{FAULTS}/{ticket.pk}"
    engineer, admin = bearer(engineer_a), bearer(carrier_admin)
    engineer.post(f"{url}/accept")
    post_json(engineer, f"{url}/arrive", {})  # on site
    asked = post_json(engineer, f"{url}/suspend", {"reason": "等待备件"})
    assert asked.status_code == 200 and asked.json()["state"] == "suspend_asked"
    body = {"decision": "approved"}
    assert post_json(engineer, f"{url}/suspend-decision", body).status_code == 403
    other = post_json(bearer(engineer_b), f"{url}/suspend-decision", body)
    assert other.status_code == 404
    approved = post_json(admin, f"{url}/suspend-decision", body)
    assert approved.json()["state"] == "suspended"
    assert approved.json()["sla"]["suspended_at"] is not None
    assert admin.post(f"{url}/resume").status_code == 409  # the holder's step
    resumed = engineer.post(f"{url}/resume")
    assert resumed.status_code == 200 and resumed.json()["state"] == "accepted"
    assert engineer.post(f"{url}/resume").status_code == 409
