"""Due days and times on the working calendar (2026 is seeded: National Day
1-7 October off, Saturday 10 October worked)."""

import datetime
from datetime import date

import pytest

from home.rules import current_rules
from home.rules.snapshot import ReportDue
from registry.calendar import add_working_days, working_days_in
from workflows.obligations import rules

pytestmark = pytest.mark.django_db


@pytest.fixture
def autumn():
    return working_days_in(date(2026, 9, 1), date(2026, 12, 31))


def test_a_working_day_report_moves_across_the_holiday_onto_the_worked_saturday(
    autumn,
):
    due = ReportDue(period="quarter", offset=3, unit="working_days")
    # Q3 ends Wednesday 30 September; 1-7 October are off; 8, 9, 10 (Sat) worked.
    assert rules.report_due_on(
        period_end=date(2026, 9, 30), due=due, working=autumn
    ) == date(2026, 10, 10)


def test_five_working_days_after_the_quarter_count_the_worked_saturday(autumn):
    due = ReportDue(period="quarter", offset=5, unit="working_days")
    assert rules.report_due_on(
        period_end=date(2026, 9, 30), due=due, working=autumn
    ) == date(2026, 10, 13)


def test_calendar_days_ignore_the_holiday(autumn):
    due = ReportDue(period="month", offset=3, unit="calendar_days")
    assert rules.report_due_on(
        period_end=date(2026, 9, 30), due=due, working=autumn
    ) == date(2026, 10, 3)


@pytest.mark.parametrize("n", [0, 1, 2, 3, 7, 12])
@pytest.mark.parametrize("start", [date(2026, 9, 30), date(2026, 10, 3)])
def test_the_list_lookup_agrees_with_the_calendar(start, n, autumn):
    assert rules.nth_working_day_after(start, n, autumn) == add_working_days(start, n)


def test_no_log_is_due_on_a_holiday_but_one_is_on_the_worked_saturday():
    snapshot = current_rules().obligations
    holiday = rules.log_due_at(
        day=date(2026, 10, 1), position="engineer", rules=snapshot, working=False
    )
    saturday = rules.log_due_at(
        day=date(2026, 10, 10), position="engineer", rules=snapshot, working=True
    )
    assert holiday is None
    assert saturday.isoformat() == "2026-10-10T18:30:00+08:00"


def test_each_position_has_its_own_due_time():
    snapshot = current_rules().obligations
    times = {
        position: rules.log_due_at(
            day=date(2026, 12, 4), position=position, rules=snapshot, working=True
        ).time()
        for position in ("engineer", "group_lead", "manager")
    }
    assert times == {
        "engineer": datetime.time(18, 30),
        "group_lead": datetime.time(19, 30),
        "manager": datetime.time(21, 0),
    }


def test_late_only_strictly_after_the_due_time():
    due = datetime.datetime(2026, 12, 4, 10, 30, tzinfo=datetime.UTC)
    second = datetime.timedelta(seconds=1)
    assert rules.is_late(done_at=due, due_at=due) is False
    assert rules.is_late(done_at=due - second, due_at=due) is False
    assert rules.is_late(done_at=due + second, due_at=due) is True
    assert rules.is_late(done_at=due, due_at=None) is False


@pytest.mark.parametrize(
    ("period", "day", "expected"),
    [
        ("week", date(2026, 12, 4), (date(2026, 11, 30), date(2026, 12, 6))),
        ("month", date(2026, 2, 14), (date(2026, 2, 1), date(2026, 2, 28))),
        ("quarter", date(2026, 12, 31), (date(2026, 10, 1), date(2026, 12, 31))),
        ("year", date(2026, 6, 1), (date(2026, 1, 1), date(2026, 12, 31))),
    ],
)
def test_periods(period, day, expected):
    assert rules.period_of(period, day) == expected


def test_periods_ending_in_a_range():
    ends = rules.periods_ending_between("month", date(2026, 1, 15), date(2026, 4, 30))
    assert [end for _start, end in ends] == [
        date(2026, 1, 31),
        date(2026, 2, 28),
        date(2026, 3, 31),
        date(2026, 4, 30),
    ]


def test_a_day_beyond_the_known_working_days_is_none(autumn):
    last = autumn[-1]
    assert rules.nth_working_day_after(autumn[-2], 1, autumn) == last
    assert rules.nth_working_day_after(autumn[-2], 2, autumn) is None
    assert rules.nth_working_day_after(last, 1, autumn) is None
