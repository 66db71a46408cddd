"""Messages and pure checks shared by the rule and checklist snippets.

Each message is a module constant so tests assert the exact text. Checks take
plain rows (model instances, saved or not) and raise ``ValidationError``.
"""

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

ONLY_ONE_ROW = _("These rules exist once; edit the existing entry instead.")
PERCENT_OUT_OF_RANGE = _("Enter a percentage between 0 and 100.")
MUST_BE_POSITIVE = _("Enter a value greater than 0.")
MONTH_DAY_OUT_OF_RANGE = _("Enter a day of the month between 1 and 28.")
WEIGHTS_NOT_100 = _("The four weights must add up to 100.")
DUPLICATE_ROW = _("“%(row)s” appears more than once.")
MISSING_ROWS = _("Rows are missing for: %(rows)s.")
SCORE_OUT_OF_RANGE = _("Enter a score between 0 and 100.")
BAND_MIN_ABOVE_MAX = _("The lowest score must not be above the highest score.")
BANDS_NOT_COVERING = _("The grade bands must start at 0 and end at 100.")
BANDS_OVERLAP = _("The grade bands %(lower)s and %(upper)s overlap.")
BANDS_GAP = _("Scores between the grade bands %(lower)s and %(upper)s have no grade.")
NUMBER_RANGE_INVERTED = _("The minimum must not be greater than the maximum.")
NUMBER_ONLY_FIELDS = _("Unit, minimum and maximum apply only to number items.")
YES_NO_ONLY_FIELD = _("Only a yes / no item has an answer that is a finding.")
CHECKLIST_EMPTY = _("A checklist needs at least one item.")


def require_percent(field: str, value: Decimal | int | None) -> dict:
    """``{field: message}`` when ``value`` lies outside 0-100, else ``{}``."""
    if value is not None and not 0 <= value <= 100:
        return {field: PERCENT_OUT_OF_RANGE}
    return {}


def require_positive(field: str, value: Decimal | int | None) -> dict:
    if value is not None and value <= 0:
        return {field: MUST_BE_POSITIVE}
    return {}


def raise_if(errors: dict) -> None:
    if errors:
        raise ValidationError(errors)


def check_unique_complete(
    rows: Iterable, *, key: Callable, expected: Sequence, label: Callable
) -> None:
    """Every key in ``expected`` appears exactly once among ``rows``."""
    counts = Counter(key(row) for row in rows)
    duplicates = [k for k in expected if counts[k] > 1]
    if duplicates:
        raise ValidationError(DUPLICATE_ROW, params={"row": label(duplicates[0])})
    missing = [k for k in expected if counts[k] == 0]
    if missing:
        rows_text = "; ".join(str(label(k)) for k in missing)
        raise ValidationError(MISSING_ROWS, params={"rows": rows_text})


def check_band_row(band) -> None:
    """A single grade band: bounds within 0-100, lowest not above highest."""
    errors = {}
    for field in ("min_score", "max_score"):
        value = getattr(band, field)
        if value is not None and not 0 <= value <= 100:
            errors[field] = SCORE_OUT_OF_RANGE
    if not errors and band.min_score is not None and band.max_score is not None:
        if band.min_score > band.max_score:
            errors["min_score"] = BAND_MIN_ABOVE_MAX
    raise_if(errors)


def check_bands(bands: Iterable, *, grades: Sequence, label: Callable) -> None:
    """Each grade once; together the bands cover 0-100 without overlap or gap."""
    bands = list(bands)
    check_unique_complete(bands, key=lambda b: b.grade, expected=grades, label=label)
    ordered = sorted(bands, key=lambda b: (b.min_score, b.max_score))
    if ordered[0].min_score != 0 or max(b.max_score for b in ordered) != 100:
        raise ValidationError(BANDS_NOT_COVERING)
    for lower, upper in zip(ordered, ordered[1:], strict=False):
        params = {"lower": label(lower.grade), "upper": label(upper.grade)}
        if upper.min_score <= lower.max_score:
            raise ValidationError(BANDS_OVERLAP, params=params)
        if upper.min_score > lower.max_score + 1:
            raise ValidationError(BANDS_GAP, params=params)
