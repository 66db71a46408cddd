"""Pure decisions of the monthly assessment and the quarterly payment figure."""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from home.models import DeductionEvent
from home.rules import (
    RulesSnapshot,
    assessment_deducted,
    assessment_grade,
    assessment_score,
    payment_factor,
)
from registry.calendar import CALENDAR_ZONE

CENT = Decimal("0.01")
WINDOW_CLOSED = _("The objection window of this assessment has closed.")
NOT_OPEN = _("This assessment takes no objections now.")
ALREADY_OBJECTED = _("This line already has an objection.")
NEED_REASON = _("Say why the deduction is wrong.")
NO_OBJECTION = _("This line has no objection to decide.")
ALREADY_DECIDED = _("This objection is already decided.")
NEED_COMMENT = _("Say why you reject the objection.")
UNDECIDED = _("Decide every objection before finalising.")
FINAL_MONTH = _("The assessment of that month is final; it takes no new events.")
FUTURE_MONTH = _("Only a month that has ended can be assessed.")


def month_start(day: date) -> date:
    return day.replace(day=1)


def next_month(month: date) -> date:
    return date(month.year + month.month // 12, month.month % 12 + 1, 1)


def previous_month(month: date) -> date:
    return date(month.year - (month.month == 1), (month.month - 2) % 12 + 1, 1)


def month_bounds(month: date) -> tuple[datetime, datetime]:
    """``[start, end)`` of a calendar month in China, as aware datetimes."""
    start = datetime.combine(month, time(0), tzinfo=CALENDAR_ZONE)
    end = datetime.combine(next_month(month), time(0), tzinfo=CALENDAR_ZONE)
    return start, end


def month_validate(*, month: date, today: date) -> None:
    if next_month(month_start(month)) > today:
        raise ValidationError(FUTURE_MONTH)


def previous_quarter(day: date) -> tuple[int, int]:
    """(year, quarter) of the quarter before the one ``day`` is in."""
    quarter = (day.month - 1) // 3 + 1
    return (day.year - 1, 4) if quarter == 1 else (day.year, quarter - 1)


def quarter_months(year: int, quarter: int) -> list[date]:
    return [date(year, 3 * (quarter - 1) + m, 1) for m in (1, 2, 3)]


@dataclass(frozen=True)
class EventTotal:
    """One kind of event in a month: how many, points each, and what counted."""

    event: str
    count: int
    points: Decimal
    raw: Decimal  # points × count
    cap: Decimal | None
    deducted: Decimal  # raw, no more than the cap

    @property
    def capped(self) -> bool:
        return self.deducted < self.raw

    @property
    def event_label(self) -> str:
        return DeductionEvent(self.event).label


@dataclass(frozen=True)
class Scored:
    score: Decimal
    grade: str
    totals: tuple[EventTotal, ...]
    revision_id: int


def score_events(*, events: Iterable[str], rules: RulesSnapshot) -> Scored:
    """The month's score from the counted events (one item per event)."""
    counts = Counter(events)
    totals = tuple(
        EventTotal(
            event=event,
            count=count,
            points=rules.assessment.deductions[event],
            raw=rules.assessment.deductions[event] * count,
            cap=rules.assessment.caps.get(event),
            deducted=assessment_deducted(event=event, count=count, rules=rules),
        )
        for event, count in sorted(counts.items())
    )
    score = assessment_score(events=counts, rules=rules).quantize(CENT)
    grade = assessment_grade(score=score, rules=rules)
    return Scored(score, grade, totals, rules.assessment.revision_id)


@dataclass(frozen=True)
class PaymentFigure:
    fee: Decimal | None  # the contract's quarterly fee (None: not set)
    months: tuple  # (month, score or None, grade, final) per month
    average: Decimal | None
    factor: Decimal | None
    amount: Decimal | None
    revision_id: int

    @property
    def complete(self) -> bool:
        return all(score is not None for _m, score, _g, _f in self.months)


def payment_figure(*, fee, months, rules: RulesSnapshot) -> PaymentFigure:
    """Fee × the CMS factor of the average of the quarter's monthly scores.

    ``months`` is ``[(month, score or None, grade, final)]``; a month without
    an assessment counts as not yet scored, and the average is of those scored.
    """
    scores = [score for _m, score, _g, _f in months if score is not None]
    average = factor = amount = None
    if scores:
        average = (sum(scores, Decimal(0)) / len(scores)).quantize(
            CENT, rounding=ROUND_HALF_UP
        )
        factor = payment_factor(average=average, rules=rules)
        if fee is not None:
            amount = (fee * factor).quantize(CENT, rounding=ROUND_HALF_UP)
    return PaymentFigure(
        fee, tuple(months), average, factor, amount, rules.assessment.revision_id
    )
