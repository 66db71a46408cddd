"""What an inspection plan and an inspection's readings must satisfy, on plain values.

Limits of a measured value form a half-open range ``[minimum, maximum)``: the
minimum itself passes, the maximum itself is a finding. DOMAIN.md's "grounding
resistance < 5 Ω" is a checklist item with maximum 5, and a mains voltage of
380 V ±10% one with minimum 342 (342 V passes). An item with only one limit is
checked against that one; an item with none is never a finding.

A quarter's plan is due at least ``days_before`` calendar days (the CMS
deadline rules) before the quarter's first day: submitted on that day or
earlier it is in time, later it is late (and still accepted, flagged). A plan
for a quarter that has already ended is refused.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from home.models import ChecklistItem

NOT_A_NUMBER = _("Enter a number.")
ANSWER_YES_OR_NO = _("Answer yes or no.")
ANSWER_REQUIRED = _("Enter an answer.")
REQUIRED_MISSING = _("Answer every required item first: %(items)s.")
QUARTER_ENDED = _("This quarter has ended: its plan can no longer be submitted.")
NO_ROWS = _("Plan at least one inspection.")
SITE_NOT_OURS = _("%(site)s is not a site of your company in this region.")
WRONG_TEMPLATE = _("The checklist “%(template)s” is not for a site like %(site)s.")
MONTH_NOT_IN_QUARTER = _("Month %(month)s is not in quarter %(quarter)s.")
DUPLICATE_ROW = _("%(site)s is planned twice with “%(template)s” in month %(month)s.")
NO_TEMPLATE = _("No published inspection checklist applies to %(site)s.")

# Digits a reading may have: those of ChecklistItem's limits (10 digits, 3 after).
MAX_READING = Decimal("9999999.999")


def reading_out_of_range(*, item: ChecklistItem, value: Decimal) -> bool:
    """Is ``value`` outside ``[item.min_value, item.max_value)``?"""
    if item.min_value is not None and value < item.min_value:
        return True
    return item.max_value is not None and value >= item.max_value


def answer_is_finding(*, item: ChecklistItem, value) -> bool:
    """Is a parsed answer a finding: a reading out of its limits, or the
    yes / no answer the checklist names as the bad one?"""
    if item.kind == ChecklistItem.Kind.NUMBER:
        return reading_out_of_range(item=item, value=value)
    if item.kind == ChecklistItem.Kind.YES_NO and item.bad_answer:
        return value is (item.bad_answer == "yes")
    return False


def answer_parse(*, item: ChecklistItem, raw: str):
    """The stored value of a typed answer (``raw`` as sent): Decimal, bool or text.

    Photos are files, checked by ``services`` with the project's upload check.
    """
    raw = (raw or "").strip()
    if item.kind == ChecklistItem.Kind.NUMBER:
        try:
            value = Decimal(raw)
        except InvalidOperation:
            raise ValidationError(NOT_A_NUMBER) from None
        if not value.is_finite() or abs(value) > MAX_READING:
            raise ValidationError(NOT_A_NUMBER)
        return value.quantize(Decimal("0.001"))
    if item.kind == ChecklistItem.Kind.YES_NO:
        if raw not in ("yes", "no"):
            raise ValidationError(ANSWER_YES_OR_NO)
        return raw == "yes"
    if not raw:
        raise ValidationError(ANSWER_REQUIRED)
    return raw


def missing_required(*, items, answered: set[str]) -> list[ChecklistItem]:
    """The required items of ``items`` whose key is not in ``answered``, in order."""
    return [item for item in items if item.required and item.key not in answered]


def submit_validate(*, items, answered: set[str]) -> None:
    missing = missing_required(items=items, answered=answered)
    if missing:
        names = "; ".join(item.label for item in missing)
        raise ValidationError(REQUIRED_MISSING, params={"items": names})


def quarter_start(*, year: int, quarter: int) -> datetime.date:
    return datetime.date(year, 3 * (quarter - 1) + 1, 1)


def quarter_end(*, year: int, quarter: int) -> datetime.date:
    """The quarter's last day."""
    if quarter == 4:
        return datetime.date(year, 12, 31)
    return quarter_start(year=year, quarter=quarter + 1) - datetime.timedelta(days=1)


def quarter_months(quarter: int) -> tuple[int, int, int]:
    first = 3 * (quarter - 1) + 1
    return (first, first + 1, first + 2)


def quarter_of(day: datetime.date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def plan_due_on(*, year: int, quarter: int, days_before: int) -> datetime.date:
    """The last day a quarter's plan is in time."""
    start = quarter_start(year=year, quarter=quarter)
    return start - datetime.timedelta(days=days_before)


def plan_is_late(
    *, submitted_on: datetime.date, year: int, quarter: int, days_before: int
) -> bool:
    due = plan_due_on(year=year, quarter=quarter, days_before=days_before)
    return submitted_on > due


def period_validate(*, year: int, quarter: int, today: datetime.date) -> None:
    if quarter_end(year=year, quarter=quarter) < today:
        raise ValidationError({"quarter": QUARTER_ENDED})


@dataclass(frozen=True)
class PlannedRow:
    """One planned inspection: a site, a checklist, a calendar month."""

    site: object
    template: object
    month: int


def rows_validate(*, rows, company_id: int, region_id: int, quarter: int) -> None:
    """Each row: the company's site in the plan's region, a checklist of the
    site's kind, a month of the quarter; no row twice."""
    if not rows:
        raise ValidationError({"rows": NO_ROWS})
    seen = set()
    for row in rows:
        site, template = row.site, row.template
        params = {"site": site.code, "template": template.name, "month": row.month}
        if site.maintained_by_id != company_id or site.region_id != region_id:
            raise ValidationError(
                {"rows": ValidationError(SITE_NOT_OURS, params=params)}
            )
        if template.site_kind != site.kind or template.pre_work:
            raise ValidationError(
                {"rows": ValidationError(WRONG_TEMPLATE, params=params)}
            )
        if row.month not in quarter_months(quarter):
            params["quarter"] = quarter
            raise ValidationError(
                {"rows": ValidationError(MONTH_NOT_IN_QUARTER, params=params)}
            )
        key = (site.pk, template.pk, row.month)
        if key in seen:
            raise ValidationError(
                {"rows": ValidationError(DUPLICATE_ROW, params=params)}
            )
        seen.add(key)
