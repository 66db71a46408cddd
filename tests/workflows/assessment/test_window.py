"""The objection window: CMS working days on the statutory calendar."""

import datetime

import pytest
import time_machine
from viewflow.workflow.timers import fire_due_timers

from workflows.assessment.models import Assessment

from .conftest import at
from .test_flow import object_to

pytestmark = pytest.mark.django_db

SEPTEMBER_2025 = datetime.date(2025, 9, 1)


@pytest.fixture
def drafted_on_national_day(company_a, add_event, draft):
    """September 2025, drafted on 1 October: 1-8 October are off, Saturday 11
    October is worked, so 5 working days run to Tuesday 14 October."""
    with time_machine.travel(at(2025, 10, 1, 10), tick=False):
        add_event("written_complaint", at(2025, 9, 10, 9), company_a)
        return draft(company_a, month=SEPTEMBER_2025)


def test_the_window_skips_the_holiday_and_counts_the_worked_saturday(
    drafted_on_national_day,
):
    assert drafted_on_national_day.window_closes_at == at(2025, 10, 14, 10)


def test_an_objection_on_the_last_day_is_taken(
    drafted_on_national_day, manager_a, client_for
):
    line = drafted_on_national_day.lines.get()
    with time_machine.travel(at(2025, 10, 14, 9, 59), tick=False):
        assert fire_due_timers() == 0
        assert object_to(client_for(manager_a), line).status_code == 302
    line.refresh_from_db()
    assert line.objection


def test_after_the_window_the_timer_closes_it_and_objections_are_refused(
    drafted_on_national_day, manager_a, client_for
):
    line = drafted_on_national_day.lines.get()
    with time_machine.travel(at(2025, 10, 14, 10, 0, 1), tick=False):
        assert fire_due_timers() == 1
        answer = object_to(client_for(manager_a), line)
    assert answer.status_code == 400
    assert "This assessment takes no objections now." in answer.content.decode()
    drafted_on_national_day.refresh_from_db()
    assert drafted_on_national_day.state == Assessment.State.DECIDED
    keys = [
        n["key"] for t in drafted_on_national_day.transitions.all() for n in t.notes
    ]
    assert keys[-1] == "assessment.window_closed"


def test_the_window_length_comes_from_the_cms(
    company_b, add_event, draft, publish_assessment
):
    publish_assessment(objection_days=2)
    with time_machine.travel(at(2025, 10, 1, 10), tick=False):
        assessment = draft(company_b, month=SEPTEMBER_2025)
    assert assessment.window_closes_at == at(2025, 10, 10, 10)
