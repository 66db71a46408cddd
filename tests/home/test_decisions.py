"""The decision helpers: exact arithmetic on the published rules."""

from dataclasses import replace
from decimal import Decimal

import pytest

from home.rules import (
    allowed_positions,
    assessment_grade,
    assessment_score,
    current_rules,
    deadline_for,
    leave_needs_carrier,
    sla_hours,
    sla_warning_hours,
    training_grade,
    training_passed,
    training_rating,
)
from home.rules.decisions import grade_for
from home.rules.snapshot import Band, Deadline

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("headcount", "allowed"), [(20, 3), (30, 4), (7, 1)])
def test_allowed_positions_is_the_cap_share_rounded_down(headcount, allowed):
    assert allowed_positions(headcount=headcount) == allowed


@pytest.mark.parametrize(
    ("cap", "expected"),
    [("10", {20: 2, 30: 3, 7: 0}), ("20", {20: 4, 30: 6, 7: 1})],
)
def test_allowed_positions_follow_a_new_cap(publish, cap, expected):
    publish("staff_change", cap_percent=Decimal(cap))
    assert {h: allowed_positions(headcount=h) for h in expected} == expected


def test_allowed_positions_is_exact_where_floats_are_not(publish):
    # In floats 100 * (29 / 100) is 28.999999999999996 and would floor to 28.
    publish("staff_change", cap_percent=Decimal("29"))
    assert allowed_positions(headcount=100) == 29
    publish("staff_change", cap_percent=Decimal("57"))
    assert allowed_positions(headcount=100) == 57


@pytest.mark.parametrize(
    ("level", "tier", "mode", "hours"),
    [
        (1, "core_city", "remote", 3),
        (1, "remote", "remote", 3),
        (1, "core_city", "on_site", 5),
        (1, "delta", "on_site", 6),
        (1, "other", "on_site", 8),
        (1, "remote", "on_site", 10),
        (2, "delta", "on_site", 168),
        (3, "core_city", "remote", 240),
        (4, "remote", "on_site", 240),
    ],
)
def test_sla_hours_by_level_tier_and_mode(level, tier, mode, hours):
    assert sla_hours(level=level, tier=tier, mode=mode) == Decimal(hours)


def test_sla_warning_comes_at_the_warning_share():
    assert sla_warning_hours(level=1, tier="core_city", mode="on_site") == Decimal("4")


@pytest.mark.parametrize(
    ("score", "grade"),
    [
        (100, "excellent"),
        (90, "excellent"),
        (Decimal("89.99"), "good"),
        (80, "good"),
        (79, "pass"),
        (70, "pass"),
        (Decimal("69.5"), "fail"),
        (0, "fail"),
    ],
)
def test_assessment_grade_at_band_edges(score, grade):
    assert assessment_grade(score=score) == grade


@pytest.mark.parametrize(
    ("score", "grade"),
    [
        (100, "A"),
        (86, "A"),
        (Decimal("85.9"), "B"),
        (70, "B"),
        (69, "C"),
        (50, "C"),
        (49, "D"),
        (0, "D"),
    ],
)
def test_training_grade_at_band_edges(score, grade):
    assert training_grade(score=score) == grade


@pytest.mark.parametrize("score", [-1, 101])
def test_a_score_outside_0_100_has_no_grade(score):
    with pytest.raises(ValueError):
        training_grade(score=score)


def test_assessment_score_deducts_per_event_and_stops_at_zero():
    events = {"overdue_ticket": 2, "written_complaint": 1, "late_document": 3}
    assert assessment_score(events=events) == Decimal("85")
    assert assessment_score(events={"unauthorised_interruption": 11}) == 0


def test_training_rating_weights_the_criteria():
    ratings = {"lecturer": 90, "material": 80, "environment": 70, "arrangement": 60}
    # 45 + 16 + 10.5 + 9
    assert training_rating(ratings=ratings) == Decimal("80.5")


def test_training_pass_mark_is_inclusive():
    assert training_passed(score=80)
    assert not training_passed(score=Decimal("79.99"))


def test_leave_needs_the_carrier_only_above_the_limit():
    assert not leave_needs_carrier(days=3)
    assert leave_needs_carrier(days=Decimal("3.5"))


def test_deadline_per_obligation():
    deadline = deadline_for(obligation="broken_part_return")
    assert (deadline.amount, deadline.unit) == (3, "working_days")


def test_one_snapshot_serves_several_decisions(django_assert_num_queries):
    rules = current_rules()
    with django_assert_num_queries(0):
        allowed_positions(headcount=20, rules=rules)
        sla_hours(level=1, tier="delta", mode="on_site", rules=rules)
        training_grade(score=75, rules=rules)


def test_each_decision_reads_the_snapshot_it_is_given_not_the_current_rules():
    now = current_rules()
    given = replace(
        now,
        deadlines=replace(
            now.deadlines, deadlines={"broken_part_return": Deadline(9, "days")}
        ),
        sla=replace(
            now.sla,
            hours={(1, "delta", "on_site"): Decimal(10)},
            early_warning_percent=Decimal(50),
        ),
        assessment=replace(
            now.assessment,
            deductions={"overdue_ticket": Decimal(30)},
            caps={"overdue_ticket": None},
            bands=(Band("kept", 60, 100), Band("lost", 0, 59)),
        ),
        training=replace(
            now.training,
            pass_mark=Decimal(50),
            weights={"lecturer": Decimal(100)},
        ),
    )

    assert deadline_for(obligation="broken_part_return", rules=given) == Deadline(
        9, "days"
    )
    place = {"level": 1, "tier": "delta", "mode": "on_site"}
    assert sla_warning_hours(**place, rules=given) == Decimal(5)
    assert assessment_score(events={"overdue_ticket": 2}, rules=given) == 40
    assert assessment_grade(score=65, rules=given) == "kept"
    assert training_passed(score=55, rules=given)
    assert training_rating(ratings={"lecturer": 70}, rules=given) == Decimal(70)


@pytest.mark.parametrize(
    ("score", "message"),
    [(101, "score 101 is outside 0-100"), (5, "no grade band covers 5")],
)
def test_a_score_without_a_band_names_itself(score, message):
    with pytest.raises(ValueError) as refused:
        grade_for((Band("A", 10, 100),), score)
    assert str(refused.value) == message
