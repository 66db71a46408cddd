"""Small pure decisions that read only the rules.

Each takes keyword arguments and an optional ``rules`` snapshot; without one it
reads ``current_rules()``. A flow that must record what it used takes one
snapshot, passes it to every helper and stores ``rules.revision_ids``.
"""

from collections.abc import Mapping
from decimal import ROUND_FLOOR, Decimal

from .reader import current_rules
from .snapshot import Band, Deadline, RulesSnapshot

HUNDRED = Decimal(100)


def _or_current(rules: RulesSnapshot | None) -> RulesSnapshot:
    return rules if rules is not None else current_rules()


def allowed_positions(*, headcount: int, rules: RulesSnapshot | None = None) -> int:
    """How many positions may change in a contract period: cap% × headcount, floored."""
    cap = _or_current(rules).staff_change.cap_percent
    share = Decimal(headcount) * Decimal(cap) / HUNDRED
    return int(share.to_integral_value(rounding=ROUND_FLOOR))


def leave_needs_carrier(
    *, days: Decimal | int, rules: RulesSnapshot | None = None
) -> bool:
    """Whether leave of ``days`` days also needs the carrier's approval."""
    return days > _or_current(rules).staff_change.leave_carrier_after_days


def deadline_for(*, obligation: str, rules: RulesSnapshot | None = None) -> Deadline:
    return _or_current(rules).deadlines.deadlines[obligation]


def sla_hours(
    *, level: int, tier: str, mode: str, rules: RulesSnapshot | None = None
) -> Decimal:
    """Hours to restore a fault of ``level`` in a region of ``tier`` in ``mode``."""
    return _or_current(rules).sla.hours[(int(level), str(tier), str(mode))]


def sla_warning_hours(
    *, level: int, tier: str, mode: str, rules: RulesSnapshot | None = None
) -> Decimal:
    """Hours after which an open ticket is flagged as close to its limit."""
    rules = _or_current(rules)
    hours = sla_hours(level=level, tier=tier, mode=mode, rules=rules)
    return hours * rules.sla.early_warning_percent / HUNDRED


def grade_for(bands: tuple[Band, ...], score: Decimal | int) -> str:
    """The band whose lowest score is the highest not above ``score``."""
    if not 0 <= score <= 100:
        raise ValueError(f"score {score} is outside 0-100")
    for band in bands:  # highest first
        if score >= band.min_score:
            return band.grade
    raise ValueError(f"no grade band covers {score}")


def assessment_grade(
    *, score: Decimal | int, rules: RulesSnapshot | None = None
) -> str:
    return grade_for(_or_current(rules).assessment.bands, score)


def assessment_deducted(
    *, event: str, count: int, rules: RulesSnapshot | None = None
) -> Decimal:
    """Points ``count`` events of one kind take off a month: points × count,
    no more than the event's monthly cap (none when the cap is empty)."""
    assessment = _or_current(rules).assessment
    lost = assessment.deductions[event] * count
    cap = assessment.caps.get(event)
    return lost if cap is None else min(lost, cap)


def assessment_score(
    *, events: Mapping[str, int], rules: RulesSnapshot | None = None
) -> Decimal:
    """100 less the deductions for ``events`` (event → count), each kind capped
    per month, never below 0."""
    rules = _or_current(rules)
    lost = sum(
        (
            assessment_deducted(event=event, count=count, rules=rules)
            for event, count in events.items()
        ),
        Decimal(0),
    )
    return max(HUNDRED - lost, Decimal(0))


def payment_factor(*, average: Decimal, rules: RulesSnapshot | None = None) -> Decimal:
    """The factor of the highest row whose lowest average ``average`` reaches."""
    for row in _or_current(rules).assessment.factors:  # highest first
        if average >= row.min_average:
            return row.factor
    raise ValueError(f"no payment factor covers {average}")


def training_grade(*, score: Decimal | int, rules: RulesSnapshot | None = None) -> str:
    return grade_for(_or_current(rules).training.bands, score)


def training_passed(
    *, score: Decimal | int, rules: RulesSnapshot | None = None
) -> bool:
    return score >= _or_current(rules).training.pass_mark


def training_rating(
    *, ratings: Mapping[str, Decimal | int], rules: RulesSnapshot | None = None
) -> Decimal:
    """A session's weighted rating from its 0-100 rating per criterion."""
    weights = _or_current(rules).training.weights
    total = sum(
        (Decimal(ratings[key]) * weight for key, weight in weights.items()), Decimal(0)
    )
    return total / HUNDRED
