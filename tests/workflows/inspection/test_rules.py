"""Inspection rules on plain values: limits, required items, the deadline."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from home.models import ChecklistItem
from workflows.inspection import rules

NUMBER = ChecklistItem.Kind.NUMBER


def item(key="v", kind=NUMBER, low=None, high=None, required=True):
    return ChecklistItem(
        key=key,
        label_zh=key,
        kind=kind,
        min_value=None if low is None else Decimal(low),
        max_value=None if high is None else Decimal(high),
        required=required,
    )


def out_of_range(value, **limits):
    return rules.reading_out_of_range(item=item(**limits), value=Decimal(value))


@pytest.mark.parametrize(
    ("value", "finding"),
    [("341.9", True), ("342", False), ("342.001", False), ("500", False)],
)
def test_minimum_only_the_limit_itself_passes(value, finding):
    assert out_of_range(value, low="342") is finding


@pytest.mark.parametrize(
    ("value", "finding"),
    [("-3", False), ("4.999", False), ("5", True), ("5.001", True)],
)
def test_maximum_only_the_limit_itself_is_a_finding(value, finding):
    """Grounding resistance < 5 Ω: 5 Ω itself is out of range."""
    assert out_of_range(value, high="5") is finding


@pytest.mark.parametrize(
    ("value", "finding"),
    [
        ("341.999", True),
        ("342", False),
        ("380", False),
        ("417.999", False),
        ("418", True),
        ("418.001", True),
    ],
)
def test_both_limits_half_open_range(value, finding):
    assert out_of_range(value, low="342", high="418") is finding


def test_no_limits_never_a_finding():
    assert out_of_range("-1000", low=None, high=None) is False


def test_missing_required_lists_only_required_unanswered_items():
    items = [item("a"), item("b", required=False), item("c"), item("d")]
    missing = rules.missing_required(items=items, answered={"a", "b"})
    assert [i.key for i in missing] == ["c", "d"]


def test_submit_blocked_names_missing_items():
    items = [item("earth"), item("volts")]
    with pytest.raises(ValidationError) as error:
        rules.submit_validate(items=items, answered={"volts"})
    assert "earth" in str(error.value)


def test_submit_passes_when_every_required_item_answered():
    rules.submit_validate(items=[item("a"), item("b", required=False)], answered={"a"})


@pytest.mark.parametrize(
    ("year", "quarter", "start"),
    [(2026, 1, (2026, 1, 1)), (2026, 2, (2026, 4, 1)), (2026, 4, (2026, 10, 1))],
)
def test_quarter_start(year, quarter, start):
    assert rules.quarter_start(year=year, quarter=quarter) == datetime.date(*start)


def test_quarter_months():
    assert rules.quarter_months(3) == (7, 8, 9)


@pytest.mark.parametrize(
    ("submitted", "late"),
    [
        ((2026, 3, 20), False),  # 12 days before
        ((2026, 3, 22), False),  # exactly 10 days before: in time
        ((2026, 3, 23), True),  # 9 days before
        ((2026, 4, 2), True),  # after the quarter began
    ],
)
def test_plan_late_at_the_deadline(submitted, late):
    assert (
        rules.plan_is_late(
            submitted_on=datetime.date(*submitted), year=2026, quarter=2, days_before=10
        )
        is late
    )


def test_plan_due_on_reads_the_days_given():
    assert rules.plan_due_on(year=2026, quarter=3, days_before=15) == datetime.date(
        2026, 6, 16
    )


def test_plan_for_an_ended_quarter_is_refused():
    with pytest.raises(ValidationError):
        rules.period_validate(year=2026, quarter=1, today=datetime.date(2026, 4, 1))
    rules.period_validate(year=2026, quarter=1, today=datetime.date(2026, 3, 31))


@pytest.mark.parametrize("raw", ["abc", "1e400", "", "NaN"])
def test_number_answer_must_be_a_number(raw):
    with pytest.raises(ValidationError):
        rules.answer_parse(item=item(), raw=raw)


def test_answer_parse_per_kind():
    assert rules.answer_parse(item=item(), raw=" 12.5 ") == Decimal("12.5")
    yes_no = item(kind=ChecklistItem.Kind.YES_NO)
    assert rules.answer_parse(item=yes_no, raw="yes") is True
    assert rules.answer_parse(item=yes_no, raw="no") is False
    with pytest.raises(ValidationError):
        rules.answer_parse(item=yes_no, raw="maybe")
    text = item(kind=ChecklistItem.Kind.TEXT)
    assert rules.answer_parse(item=text, raw=" B-12 ") == "B-12"
    with pytest.raises(ValidationError):
        rules.answer_parse(item=text, raw="  ")


@pytest.mark.parametrize(
    "month, quarter", [(1, 1), (3, 1), (4, 2), (6, 2), (7, 3), (9, 3), (10, 4), (12, 4)]
)
def test_the_quarter_of_a_day(month, quarter):
    assert rules.quarter_of(datetime.date(2026, month, 15)) == (2026, quarter)
