"""The cap arithmetic at its boundaries, read from the CMS percentage."""

from dataclasses import replace
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from home.rules import current_rules
from workflows.notes import notes_render
from workflows.staff_change import rules


@pytest.mark.parametrize(
    ("headcount", "allowed"), [(20, 3), (30, 4), (7, 1), (6, 0), (100, 15)]
)
@pytest.mark.django_db
def test_allowed_positions_round_down_exactly(headcount, allowed):
    check = rules.cap_check(
        headcount=headcount, used=0, requested=0, rules=current_rules()
    )
    assert check.allowed == allowed
    assert check.cap_percent == Decimal("15")


@pytest.mark.django_db
def test_fits_up_to_the_cap_and_not_beyond():
    current = current_rules()
    assert rules.cap_check(headcount=20, used=2, requested=1, rules=current).within_cap
    over = rules.cap_check(headcount=20, used=3, requested=1, rules=current)
    assert not over.within_cap
    assert over.percent_after == Decimal("20.0")
    assert notes_render(over.notes) == (
        "Over the cap: with this request the contract would have 4 changed "
        "positions and 3 are allowed (15% of 20; 3 already used). This request "
        "goes to Department head for approval as an exception."
    )
    within = rules.cap_check(headcount=20, used=2, requested=1, rules=current)
    assert notes_render(within.notes) == (
        "2 of 3 positions used, this request makes 3 = 15.0% of 20"
    )


@pytest.mark.django_db
def test_the_record_holds_every_value_the_cap_check_read():
    current = current_rules()
    check = rules.cap_check(headcount=20, used=2, requested=1, rules=current)
    assert check.as_record() == {
        "topic": "staff_change",
        "revision_id": current.staff_change.revision_id,
        "cap_percent": "15.00",
        "headcount": 20,
        "allowed": 3,
        "used": 2,
        "requested": 1,
        "within_cap": True,
    }


@pytest.mark.parametrize(
    ("kind", "ins", "outs", "positions"),
    [("add", 2, 0, 2), ("remove", 0, 1, 1), ("replace", 1, 1, 1), ("replace", 3, 3, 3)],
)
def test_positions_count_people_and_replacements_once(kind, ins, outs, positions):
    assert rules.positions_for(kind=kind, ins=ins, outs=outs) == positions


@pytest.mark.parametrize(
    ("kind", "ins", "outs", "message"),
    [
        ("add", 0, 0, rules.ADD_NEEDS_PEOPLE_IN),
        ("add", 1, 1, rules.NOBODY_LEAVES_ON_ADD),
        ("remove", 0, 0, rules.REMOVE_NEEDS_PEOPLE_OUT),
        ("remove", 1, 1, rules.NOBODY_JOINS_ON_REMOVE),
        ("replace", 2, 1, rules.REPLACE_NEEDS_PAIRS),
        ("replace", 0, 0, rules.REPLACE_NEEDS_PAIRS),
    ],
)
def test_people_must_fit_the_kind(kind, ins, outs, message):
    with pytest.raises(ValidationError) as error:
        rules.people_validate(kind=kind, ins=ins, outs=outs)
    assert error.value.messages == [str(message)]


@pytest.mark.django_db
def test_the_cap_check_reads_the_snapshot_it_is_given():
    now = current_rules()
    given = replace(
        now, staff_change=replace(now.staff_change, cap_percent=Decimal(50))
    )
    check = rules.cap_check(headcount=20, used=0, requested=0, rules=given)
    assert (check.cap_percent, check.allowed) == (Decimal(50), 10)


@pytest.mark.parametrize(
    ("value", "text"),
    [("15.00", "15"), ("12.50", "12.5"), ("100", "100"), ("7.25", "7.25")],
)
def test_a_cap_percentage_is_written_without_trailing_zeros(value, text):
    assert rules._plain_number(Decimal(value)) == text
