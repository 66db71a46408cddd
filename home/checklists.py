"""What a filled checklist reveals: missing required answers, values out of range."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db import models
from django.utils.translation import gettext_lazy as _

from .models import ChecklistItem, ChecklistTemplate


class Problem(models.TextChoices):
    MISSING = "missing", _("Required answer missing")
    BELOW_MIN = "below_min", _("Below the minimum")
    ABOVE_MAX = "above_max", _("Above the maximum")
    NOT_A_NUMBER = "not_a_number", _("Not a number")


@dataclass(frozen=True)
class Finding:
    key: str
    problem: str  # a Problem value
    value: object = None


def checklist_findings(
    template_or_items: ChecklistTemplate | Iterable[ChecklistItem],
    answers: Mapping[str, object],
) -> list[Finding]:
    """The findings of ``answers`` (item key → answer), in the items' order.

    An empty string or ``None`` is no answer; ``False`` answers a yes/no item.
    """
    items = template_or_items
    if isinstance(items, ChecklistTemplate):
        items = items.items.all()
    findings = []
    for item in items:
        answer = answers.get(item.key)
        if answer is None or answer == "":
            if item.required:
                findings.append(Finding(item.key, Problem.MISSING))
        elif item.kind == ChecklistItem.Kind.NUMBER:
            finding = _number_finding(item, answer)
            if finding is not None:
                findings.append(finding)
    return findings


def _number_finding(item: ChecklistItem, answer) -> Finding | None:
    try:
        value = Decimal(str(answer).strip())
    except InvalidOperation:
        return Finding(item.key, Problem.NOT_A_NUMBER, answer)
    if not value.is_finite():
        return Finding(item.key, Problem.NOT_A_NUMBER, answer)
    if item.min_value is not None and value < item.min_value:
        return Finding(item.key, Problem.BELOW_MIN, value)
    if item.max_value is not None and value > item.max_value:
        return Finding(item.key, Problem.ABOVE_MAX, value)
    return None
