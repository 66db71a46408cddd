"""Events collected from the flows at drafting, each linked to its source."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from viewflow.workflow.timers import fire_due_timers

from ledgers.models import Part, PartState
from ledgers.services import part_move
from workflows.assessment import collectors
from workflows.assessment.models import ManualDeduction
from workflows.faults.models import FaultTicket
from workflows.faults.services import TicketInput, ticket_dispatch

from .conftest import at, pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def noc(make_user):
    from registry.roles import Role

    return make_user(Role.MONITORING_CENTRE, username="noc")


def test_an_overdue_ticket_is_a_line_linked_to_it(
    noc, site_a, company_a, company_b, draft, carrier_admin
):
    with time_machine.travel(at(2026, 11, 10, 9), tick=False):
        data = TicketInput(site=site_a, level=1, mode="on_site", description="退服")
        ticket = ticket_dispatch(user=noc, data=data)
    due = FaultTicket.objects.get(pk=ticket.pk).sla_due_at
    with time_machine.travel(due + timedelta(seconds=1), tick=False):
        fire_due_timers()
    assert FaultTicket.objects.get(pk=ticket.pk).overdue
    with time_machine.travel(at(2026, 12, 1, 0, 5), tick=False):
        mine, theirs = draft(company_a), draft(company_b)
    (line,) = mine.lines.all()
    assert (line.event, line.source, line.collector) == (
        "overdue_ticket",
        FaultTicket.objects.get(pk=ticket.pk),
        "faults.overdue",
    )
    assert line.detail["reference"] == ticket.reference
    assert theirs.lines.count() == 0


def test_a_part_sent_for_repair_late_is_a_line(company_a, carrier_admin, draft):
    part = Part.objects.create(
        part_number="RRU-3268", serial="SN-1", kind="board", holder=company_a
    )
    part_move(
        part=part, to_state=PartState.BROKEN, by=carrier_admin, at=at(2026, 11, 2, 9)
    )
    move = part_move(
        part=part,
        to_state=PartState.AT_REPAIR,
        by=carrier_admin,
        at=at(2026, 11, 20, 9),
    )
    assert move.late
    with time_machine.travel(at(2026, 12, 1, 9), tick=False):
        assessment = draft(company_a)
    (line,) = assessment.lines.all()
    assert (line.event, line.source) == ("late_part_return", move)
    assert line.detail["part_id"] == part.pk


def test_a_registered_collector_is_run_at_drafting(company_a, draft, carrier_admin):
    entry = ManualDeduction.objects.create(
        company=company_a,
        event="missing_log",
        occurred_at=at(2026, 11, 4, 20),
        description="x",
        evidence=pdf(),
        created_by=carrier_admin,
    )

    def lapses(company, start, end):
        yield collectors.Collected("late_log", entry, at(2026, 11, 4, 22), {})

    collectors.register_collector("test.lapses", lapses)
    try:
        with time_machine.travel(at(2026, 12, 1, 9), tick=False):
            assessment = draft(company_a)
    finally:
        collectors._COLLECTORS.pop("test.lapses")
    assert sorted(assessment.lines.values_list("collector", flat=True)) == [
        "manual",
        "test.lapses",
    ]


def test_the_carrier_enters_a_complaint_into_an_open_month(
    company_a, carrier_admin, manager_a, client_for, draft
):
    with time_machine.travel(at(2026, 12, 2, 9), tick=False):
        assessment = draft(company_a)
        url = reverse("workflows:assessment:manual")
        data = {
            "company": company_a.pk,
            "event": "written_complaint",
            "occurred_at": "2026-11-28T15:00",
            "description": "用户书面投诉：维修超时",
            "description_en": "",
            "evidence": pdf(),
        }
        answer = client_for(carrier_admin).post(url, data)
        assert answer.status_code == 302
        refused = client_for(carrier_admin).post(url, {**data, "evidence": ""})
        assert refused.status_code == 200
    assessment.refresh_from_db()
    assert assessment.lines.get().event == "written_complaint"
    assert str(assessment.score) == "98.00"
    assert ManualDeduction.objects.count() == 1
