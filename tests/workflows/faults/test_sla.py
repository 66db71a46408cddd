"""The SLA clock: read from the CMS at dispatch, warning and escalation fired
by the dispatcher at their exact moments (the clock moved with time_machine)."""

from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth.models import Group
from viewflow.workflow.models import Task

from home.rules import current_rules
from home.rules.defaults import _sla_hours
from registry.models import Region
from registry.roles import Role
from workflows import dispatcher
from workflows.faults import rules
from workflows.faults.models import FaultTicket
from workflows.live.groups import auth_group, company_group

from .conftest import actions, open_task, task_url

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=SHANGHAI)  # a Monday


@pytest.fixture(autouse=True)
def no_closing(monkeypatch):
    """The sweep closes its connections; a test transaction must keep its own."""
    monkeypatch.setattr(dispatcher.connections, "close_all", lambda: None)


@pytest.mark.parametrize("level", [1, 2, 3, 4])
@pytest.mark.parametrize("tier", Region.Tier.values)
@pytest.mark.parametrize("mode", ["remote", "on_site"])
def test_due_and_warning_per_cell_come_from_the_cms(
    dispatch, site_a, level, tier, mode
):
    Region.objects.filter(pk=site_a.region_id).update(tier=tier)
    with time_machine.travel(T0, tick=False):
        ticket = dispatch(level=level, mode=mode)
    hours = Decimal(_sla_hours(level, tier, mode))
    assert ticket.tier == tier and ticket.sla_hours == hours
    assert ticket.sla_due_at == T0 + timedelta(hours=float(hours))
    assert ticket.warning_at == T0 + timedelta(hours=float(hours) * 0.8)
    assert ticket.sla_revision_id == current_rules().sla.revision_id
    assert ticket.needs_report is (level <= 2)


def test_a_cms_change_applies_to_the_next_dispatch_only(dispatch, publish_sla):
    cell = (1, "core_city", "on_site")
    with time_machine.travel(T0, tick=False):
        before = dispatch(level=1)
        revision = publish_sla(cell=cell, hours=Decimal("2"), warning_percent=50)
        after = dispatch(level=1)
    before.refresh_from_db()
    assert before.sla_due_at == T0 + timedelta(hours=5)
    assert after.sla_due_at == T0 + timedelta(hours=2)
    assert after.warning_at == T0 + timedelta(hours=1)
    assert after.sla_revision_id == revision != before.sla_revision_id
    dispatched = after.transitions.get(action="dispatched")
    assert (
        dispatched.rules["revision_id"] == revision and dispatched.rules["hours"] == "2"
    )


def fire_at(moment):
    with time_machine.travel(moment, tick=False):
        return dispatcher.fire_due()


def test_warning_then_escalation_at_their_exact_moments(
    dispatch, django_capture_on_commit_callbacks
):
    with time_machine.travel(T0, tick=False):
        ticket = dispatch(level=1)  # core city, on site: 5 h, warning at 4 h
    warn_at, due_at = T0 + timedelta(hours=4), T0 + timedelta(hours=5)
    assert fire_at(warn_at - timedelta(seconds=1)) == 0
    with django_capture_on_commit_callbacks(execute=True) as hooks:
        assert fire_at(warn_at) >= 1
    ticket.refresh_from_db()
    assert ticket.warned_at == warn_at and ticket.escalated_at is None
    with time_machine.travel(warn_at, tick=False):
        assert ticket.sla_flag == "warning"
    told = [hook for hook in hooks if getattr(hook, "payload", {}).get("sla")]
    assert [hook.payload for hook in told] == [{"process": ticket.pk, "sla": "warning"}]
    centre = Group.objects.get(name=Role.MONITORING_CENTRE).pk
    assert set(told[0].groups) == {
        company_group(ticket.company_id),
        auth_group(centre),
    }
    assert fire_at(due_at - timedelta(seconds=1)) == 0
    fire_at(due_at)
    ticket.refresh_from_db()
    assert ticket.escalated_at == due_at and ticket.overdue
    assert actions(ticket) == ["dispatched", "warned", "escalated"]
    assert open_task(ticket).flow_task.name == "accept"  # the ticket stays open
    assert ticket.finished is None


def test_restored_in_time_cancels_the_clock(dispatch, engineer_a, client_for):
    with time_machine.travel(T0, tick=False):
        ticket = dispatch(level=3)
        engineer = client_for(engineer_a)
        engineer.post(task_url(ticket))
        engineer.post(task_url(ticket))  # arrive on site
        engineer.post(task_url(ticket), {"cause": "风扇", "measures": "更换"})
    assert fire_at(T0 + timedelta(days=30)) == 0
    ticket.refresh_from_db()
    assert ticket.warned_at is None and not ticket.overdue
    armed = Task.objects.filter(process_id=ticket.pk, flow_task_type="TIMER")
    assert not armed.filter(status="SCHEDULED").exists()


def test_overdue_ticket_requires_an_overdue_analysis(
    dispatch, engineer_a, carrier_admin, client_for
):
    with time_machine.travel(T0, tick=False):
        ticket = dispatch(level=1)
        engineer = client_for(engineer_a)
        engineer.post(task_url(ticket))
        engineer.post(task_url(ticket))  # arrive on site
    fire_at(T0 + timedelta(hours=6))
    late = T0 + timedelta(hours=7)
    with time_machine.travel(late, tick=False):
        engineer.post(task_url(ticket), {"cause": "市电", "measures": "发电"})
        engineer.post(task_url(ticket), {"report": "报告"})
        client_for(carrier_admin).post(task_url(ticket), {"decision": "confirmed"})
    ticket.refresh_from_db()
    assert ticket.overdue and ticket.state == FaultTicket.State.ANALYSIS
    assert open_task(ticket).flow_task.name == "analysis"
    # 2 working days (CMS) from Monday 16:00: Wednesday 16:00.
    assert ticket.analysis_due_at == late + timedelta(days=2)
    assert ticket.due_at == ticket.analysis_due_at
    engineer = client_for(engineer_a)  # the session of March has expired
    refused = engineer.post(task_url(ticket), {"analysis": " "})
    assert refused.status_code == 200
    engineer.post(task_url(ticket), {"analysis": "备用电池老化，已列入更换计划"})
    ticket.refresh_from_db()
    assert ticket.state == "closed" and ticket.finished is not None
    assert "analysed" in actions(ticket)


def test_obligation_due_reads_hours_and_working_days():
    snapshot = current_rules()
    start = datetime(2026, 3, 6, 10, 0, tzinfo=SHANGHAI)  # Friday
    assert rules.report_due(restored_at=start, rules=snapshot) == start + timedelta(
        hours=24
    )
    # two working days after Friday: Tuesday
    assert rules.analysis_due(start=start, rules=snapshot) == start + timedelta(days=4)
    assert rules.is_overdue(due_at=start, at=start) is False
    assert rules.is_overdue(due_at=start, at=start + timedelta(seconds=1)) is True


def test_the_scaled_mode_command_fires_the_same_timers(dispatch):
    """``manage.py workflow_timers`` (cron, scaled mode) escalates like the sweep."""
    from django.core.management import call_command

    with time_machine.travel(T0, tick=False):
        ticket = dispatch(level=1, mode="remote")  # 3 h, warning at 2.4 h
    with time_machine.travel(T0 + timedelta(hours=3, seconds=1), tick=False):
        call_command("workflow_timers", stdout=open("/dev/null", "w"))
    ticket.refresh_from_db()
    assert ticket.warned_at is not None and ticket.escalated_at is not None
    assert actions(ticket) == ["dispatched", "warned", "escalated"]
    assert ticket.finished is None


def test_a_sent_back_ticket_past_its_limit_escalates_no_level_twice(
    dispatch, engineer_a, carrier_admin, client_for
):
    with time_machine.travel(T0, tick=False):
        ticket = dispatch(level=4)
        engineer = client_for(engineer_a)
        engineer.post(task_url(ticket))
        engineer.post(task_url(ticket))  # arrive on site
    fire_at(T0 + timedelta(days=11))
    with time_machine.travel(T0 + timedelta(days=11), tick=False):
        engineer = client_for(engineer_a)
        engineer.post(task_url(ticket), {"cause": "c", "measures": "m"})
        admin = client_for(carrier_admin)
        admin.post(task_url(ticket), {"decision": "returned", "comment": "再查"})
    fire_at(T0 + timedelta(days=12))
    # The re-armed limit timer goes on up the chain: never one level twice.
    levels = [
        step.notes[0]["params"]["level"]
        for step in ticket.transitions.filter(action="escalated")
    ]
    assert levels == [1, 2]
    assert actions(ticket).count("warned") == 1
    assert open_task(ticket).flow_task.name == "restore"
