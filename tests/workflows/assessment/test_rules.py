"""Score, grade, monthly caps and the payment factor, with the CMS values changed."""

import datetime
from decimal import Decimal

import pytest

from home.rules import current_rules
from workflows.assessment import rules

pytestmark = pytest.mark.django_db


def score(events):
    return rules.score_events(events=events, rules=current_rules())


def test_each_event_deducts_its_points_from_100():
    scored = score(["overdue_ticket", "written_complaint", "late_document"])
    assert scored.score == Decimal("92.00")
    assert scored.grade == "excellent"


@pytest.mark.parametrize(
    ("points", "count", "expected_score", "grade"),
    [
        ("0.01", 1000, Decimal("90.00"), "excellent"),
        ("0.01", 1001, Decimal("89.99"), "good"),
        ("1", 20, Decimal("80.00"), "good"),
        ("0.01", 2001, Decimal("79.99"), "pass"),
        ("1", 30, Decimal("70.00"), "pass"),
        ("0.01", 3001, Decimal("69.99"), "fail"),
    ],
)
def test_grade_at_band_edges_with_points_changed_in_the_cms(
    publish_assessment, points, count, expected_score, grade
):
    publish_assessment(
        deductions={"late_log": {"points": Decimal(points), "cap": None}}
    )
    scored = score(["late_log"] * count)
    assert (scored.score, scored.grade) == (expected_score, grade)


def test_grade_bands_changed_in_the_cms_move_the_edges(publish_assessment):
    publish_assessment(
        bands=[
            ("excellent", 95, 100),
            ("good", 85, 94),
            ("pass", 60, 84),
            ("fail", 0, 59),
        ]
    )
    assert score(["overdue_ticket"]).grade == "excellent"  # 95
    assert score(["overdue_ticket", "late_document"]).grade == "good"  # 94
    assert score(["overdue_ticket"] * 8).grade == "pass"  # 70 (capped at 30)


def test_one_kind_of_event_takes_off_no_more_than_its_monthly_cap(publish_assessment):
    # The seed: 5 points per overdue ticket, at most 30 a month.
    scored = score(["overdue_ticket"] * 7)
    assert scored.score == Decimal("70.00")
    (total,) = scored.totals
    assert (total.raw, total.deducted, total.capped) == (35, 30, True)
    assert score(["overdue_ticket"] * 6).totals[0].capped is False


def test_a_changed_cap_and_no_cap(publish_assessment):
    publish_assessment(deductions={"overdue_ticket": {"cap": Decimal(20)}})
    assert score(["overdue_ticket"] * 7).score == Decimal("80.00")
    publish_assessment(deductions={"overdue_ticket": {"cap": None}})
    assert score(["overdue_ticket"] * 7).score == Decimal("65.00")


def test_caps_are_per_kind_and_the_score_stops_at_zero():
    events = ["overdue_ticket"] * 10 + ["unauthorised_interruption"] * 8
    assert score(events).score == Decimal("0.00")
    assert score(events).grade == "fail"


def test_the_score_records_the_revision_it_read(publish_assessment):
    revision = publish_assessment(deductions={"late_plan": {"points": Decimal(3)}})
    assert score(["late_plan"]).revision_id == revision


def test_payment_factor_bands_from_the_cms(publish_assessment):
    def figure(*scores):
        months = [(None, Decimal(s), "", True) for s in scores]
        return rules.payment_figure(
            fee=Decimal("300000"), months=months, rules=current_rules()
        )

    assert figure(90, 90, 90).factor == Decimal("1.000")
    assert figure(90, 90, "89.97").factor == Decimal("0.950")  # 89.99
    publish_assessment(factors=[("0", "0.7"), ("85", "1")])
    assert figure(90, 80, 85).amount == Decimal("300000.00")
    assert figure(90, 80, "84.97").amount == Decimal("210000.00")


def test_payment_factors_need_a_row_from_zero(publish_assessment):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        publish_assessment(factors=[("60", "0.9"), ("90", "1")])


@pytest.mark.parametrize(
    "day, quarter",
    [
        (datetime.date(2026, 1, 1), (2025, 4)),
        (datetime.date(2026, 3, 31), (2025, 4)),
        (datetime.date(2026, 4, 1), (2026, 1)),
        (datetime.date(2026, 8, 15), (2026, 2)),
        (datetime.date(2026, 12, 31), (2026, 3)),
    ],
)
def test_the_previous_quarter_wraps_into_last_year(day, quarter):
    assert rules.previous_quarter(day) == quarter


def test_half_a_cent_of_the_payment_rounds_up():
    months = [(None, Decimal("85"), "", True)] * 3  # factor 0.950
    figure = rules.payment_figure(
        fee=Decimal("100.30"), months=months, rules=current_rules()
    )
    assert figure.amount == Decimal("95.29")  # 95.285, not banker's 95.28
