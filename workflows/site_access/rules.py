"""What makes a site visit acceptable, as plain decisions.

The window lies ahead and ends after it starts; each visitor checks out after
checking in; outside visitors come with an escort of the company's roster.
A roster visitor must be on duty for the whole window: one who has left, is
a trainee, or is on approved leave on a day of the window blocks approval,
named in the message. ``visitor_block_reasons`` takes further ``gates``
(``person -> message or None``), so a training rule can join later.
"""

import re
from collections.abc import Callable, Iterable
from datetime import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from registry.models import StaffMember

from .models import OUT_BEFORE_IN, WINDOW_INVERTED

WINDOW_PAST = _("The visit cannot start in the past.")
NOT_CHECKED_IN = _("%(name)s has not checked in.")
OUT_IN_FUTURE = _("A check-in or check-out time cannot be in the future.")
VISITOR_LEFT = _("%(name)s has left the company.")
VISITOR_TRAINEE = _("%(name)s is a trainee and may not work on site.")
VISITOR_ON_LEAVE = _("%(name)s is on leave during the visit.")
OTHER_COMPANY = _("%(name)s is not on your company's roster.")
ESCORT_NEEDED = _("Outside visitors need an escort from your roster.")
NO_VISITORS = _("Name at least one visitor.")
OUTSIDER_NEEDS = {
    "name": _("Give the visitor's name."),
    "company_name": _("Give the visitor's company."),
    "id_number": _("Give the visitor's ID number."),
    "phone": _("Give the visitor's phone number."),
}
ASSET_NEEDS = {
    "name": _("Give the kind or model of the equipment."),
    "serial": _("Give the equipment's serial number."),
    "tag": _("Give the asset label stuck on the equipment."),
}
ID_NUMBER_INVALID = _("An ID number has 6 to 30 letters and digits.")
PHONE_INVALID = _("A phone number has 5 to 20 digits (+, - and spaces allowed).")
ID_NUMBER = re.compile(r"[0-9A-Za-z]{6,30}")
PHONE = re.compile(r"\+?[0-9][0-9 -]{3,}[0-9]")

Gate = Callable[[StaffMember], object]


def window_validate(*, start: datetime, end: datetime, now: datetime) -> None:
    """Raise on the field to blame: an inverted window, or one already begun."""
    if end <= start:
        raise ValidationError({"window_end": WINDOW_INVERTED})
    if start < now:
        raise ValidationError({"window_start": WINDOW_PAST})


def times_validate(
    *,
    checked_in: datetime | None,
    checked_out: datetime | None,
    name: str,
    now: datetime,
) -> None:
    """One visitor's times: out only after in, neither in the future."""
    if checked_out is not None and checked_in is None:
        raise ValidationError(NOT_CHECKED_IN % {"name": name})
    if checked_out is not None and checked_out < checked_in:
        raise ValidationError(OUT_BEFORE_IN)
    if any(t is not None and t > now for t in (checked_in, checked_out)):
        raise ValidationError(OUT_IN_FUTURE)


def visitor_block_reasons(
    person: StaffMember, *, on_leave: bool, gates: Iterable[Gate] = ()
) -> list[str]:
    """Why ``person`` may not visit now, each naming them; empty when free.

    ``on_leave``: the person has approved leave on a day of the window.
    """
    name = {"name": person.name}
    reasons = []
    if person.status == StaffMember.Status.LEFT:
        reasons.append(VISITOR_LEFT % name)
    elif person.status == StaffMember.Status.TRAINEE:
        reasons.append(VISITOR_TRAINEE % name)
    if on_leave or person.status == StaffMember.Status.ON_LEAVE:
        reasons.append(VISITOR_ON_LEAVE % name)
    for gate in gates:
        message = gate(person)
        if message:
            reasons.append(str(message))
    return reasons


def company_validate(
    *, people: Iterable[StaffMember], company_id: int, field: str
) -> None:
    """Every roster person named belongs to the filing company."""
    strangers = [p.name for p in people if p.company_id != company_id]
    if strangers:
        raise ValidationError({field: OTHER_COMPANY % {"name": ", ".join(strangers)}})


def escort_validate(*, outsiders: int, escort: StaffMember | None) -> None:
    if outsiders and escort is None:
        raise ValidationError({"escort": ESCORT_NEEDED})


def outsider_problems(outsider: dict) -> dict[str, str]:
    """What is wrong with one outside visitor, by field; empty when nothing."""
    values = {name: str(outsider.get(name) or "").strip() for name in OUTSIDER_NEEDS}
    problems = {name: OUTSIDER_NEEDS[name] for name, v in values.items() if not v}
    if values["id_number"] and not ID_NUMBER.fullmatch(values["id_number"]):
        problems["id_number"] = ID_NUMBER_INVALID
    phone = values["phone"]
    digits = sum(c.isdigit() for c in phone)
    if phone and not (PHONE.fullmatch(phone) and 5 <= digits <= 20):
        problems["phone"] = PHONE_INVALID
    return problems


def added_asset_problems(row: dict) -> dict[str, str]:
    """What is missing of one piece of equipment brought in, by field."""
    return {n: m for n, m in ASSET_NEEDS.items() if not str(row.get(n) or "").strip()}


def rows_validate(rows, *, check: Callable, field: str, message) -> None:
    """Raise ``message`` on ``field`` for the first row ``check`` finds fault
    with, naming the row's number and its first problem."""
    for row, values in enumerate(rows, 1):
        problems = check(values)
        if problems:
            problem = next(iter(problems.values()))
            raise ValidationError({field: message % {"row": row, "problem": problem}})
