"""The upgrade's time rules: windows, the application and confirmation limits."""

from datetime import date, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError

from home.models import DeadlineRules
from home.rules import current_rules
from workflows.upgrade import rules

from .conftest import CHINA, NOW

pytestmark = pytest.mark.django_db


def test_a_window_in_the_past_is_refused():
    with pytest.raises(ValidationError) as error:
        rules.window_validate(
            start=NOW - timedelta(minutes=1),
            end=NOW + timedelta(hours=1),
            now=NOW,
            prefix="proposed",
        )
    assert error.value.message_dict == {"proposed_start": [str(rules.WINDOW_IN_PAST)]}


@pytest.mark.parametrize("length", [timedelta(0), timedelta(hours=-1)])
def test_an_inverted_or_empty_window_is_refused(length):
    start = NOW + timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        rules.window_validate(start=start, end=start + length, now=NOW, prefix="x")
    assert list(error.value.message_dict) == ["x_end"]


def test_a_window_ahead_is_accepted():
    start = NOW + timedelta(days=1)
    rules.window_validate(
        start=start, end=start + timedelta(hours=1), now=NOW, prefix="p"
    )


def test_a_moment_outside_the_window_is_refused_on_either_side():
    start, end = NOW, NOW + timedelta(hours=2)
    rules.inside_window_validate(moment=start, start=start, end=end, field="f")
    rules.inside_window_validate(moment=end, start=start, end=end, field="f")
    with pytest.raises(ValidationError, match="opens at 2025-09-22 10:00"):
        rules.inside_window_validate(
            moment=start - timedelta(seconds=1), start=start, end=end, field="f"
        )
    with pytest.raises(ValidationError, match="closed at 2025-09-22 12:00"):
        rules.inside_window_validate(
            moment=end + timedelta(seconds=1), start=start, end=end, field="f"
        )


def test_confirmation_is_due_two_working_days_later_at_the_same_hour():
    due = rules.confirmation_due(filed_at=NOW, rules=current_rules())
    assert due == datetime(2025, 9, 24, 10, 0, tzinfo=CHINA)


def test_confirmation_across_the_golden_week_skips_the_holidays():
    # Tuesday 30 September: 1-8 October are off, Thursday 9 October is the 1st.
    filed = datetime(2025, 9, 30, 16, 30, tzinfo=CHINA)
    due = rules.confirmation_due(filed_at=filed, rules=current_rules())
    assert due == datetime(2025, 10, 10, 16, 30, tzinfo=CHINA)


def test_confirmation_on_a_worked_sunday_counts_it_only_after():
    filed = datetime(2025, 9, 27, 9, 0, tzinfo=CHINA)  # Saturday
    due = rules.confirmation_due(filed_at=filed, rules=current_rules())
    assert due.date() == date(2025, 9, 29)  # worked Sunday 28th, Monday 29th


def test_an_hours_limit_runs_around_the_clock():
    deadlines = DeadlineRules.objects.get()
    row = deadlines.deadlines.get(obligation="upgrade_confirmation")
    row.unit, row.amount = "hours", 30
    row.save()
    deadlines.save_revision().publish()
    due = rules.confirmation_due(filed_at=NOW, rules=current_rules())
    assert due == NOW + timedelta(hours=30)


def test_the_application_limit_counts_working_days_to_the_need_date():
    check = rules.application_check(
        filed_on=date(2025, 9, 22), need_date=date(2025, 9, 29), rules=current_rules()
    )
    # Tue, Wed, Thu, Fri, worked Sunday 28th, Mon 29th: six working days.
    assert check.working == 6 and check.limit == 5 and not check.late
    assert check.due == date(2025, 9, 23)


def test_an_application_across_the_golden_week_is_late_when_the_holidays_eat_it():
    # Filed Monday 29 September for Friday 10 October: 30 Sep, 9 Oct, 10 Oct.
    check = rules.application_check(
        filed_on=date(2025, 9, 29), need_date=date(2025, 10, 10), rules=current_rules()
    )
    assert check.working == 3 and check.late
    assert check.due == date(2025, 9, 27)  # (27 Sep, 10 Oct] holds five
    assert check.notes[0]["key"] == "upgrade.application_late"
    assert check.as_record()["late"] is True


def test_the_application_limit_published_in_the_cms_is_the_one_read():
    deadlines = DeadlineRules.objects.get()
    row = deadlines.deadlines.get(obligation="upgrade_application")
    row.amount = 7
    row.save()
    deadlines.save_revision().publish()
    snapshot = current_rules()
    check = rules.application_check(
        filed_on=date(2025, 9, 22), need_date=date(2025, 9, 29), rules=snapshot
    )
    assert check.limit == 7 and check.late
    assert check.as_record()["revision_id"] == snapshot.deadlines.revision_id


def test_latest_filing_day_is_the_last_day_keeping_the_limit():
    day = rules.latest_filing_day(need_date=date(2025, 10, 13), amount=5)
    assert day == date(2025, 9, 29)  # 30 Sep, 9, 10, worked 11, 13 Oct
    from registry.calendar import working_days_between

    assert working_days_between(day, date(2025, 10, 13)) == 5
    assert working_days_between(day + timedelta(days=1), date(2025, 10, 13)) < 5
