"""How long a leave is and who must approve it, as plain decisions.

Length is counted in **calendar days, both ends included** (Monday to Friday
is 5 days, Friday to Monday is 4): contractors keep a 24-hour duty, so a
weekend or holiday away is time off the roster as much as a weekday is. The
working days in the leave are recorded beside it for the approvers' eyes but
decide nothing. The carrier approves leave longer than the CMS threshold
(``leave_carrier_after_days``), and always the company manager's own leave,
which has no company step above it. A leave lies within the person's
contract period and lasts at most ``leave_max_days`` (CMS) days.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from home.rules import leave_needs_carrier
from registry.calendar import working_days_between
from workflows.notes import NoteMessage

LENGTH_NOTE = NoteMessage(
    "leave.length",
    _(
        "%(days)s calendar days (%(working)s working days); the carrier approves "
        "leave longer than %(limit)s days."
    ),
)
MANAGER_NOTE = NoteMessage(
    "leave.manager", _("Leave of the company's manager: the carrier approves.")
)
TOO_LONG = _("A leave lasts at most %(limit)s days; this one has %(days)s.")
OUTSIDE_CONTRACT = _(
    "The leave must fall within the contract period, %(start)s to %(end)s."
)


def leave_days(*, start: date, end: date) -> int:
    """Calendar days from ``start`` to ``end``, both included."""
    return (end - start).days + 1


def leave_bounds_validate(*, start: date, end: date, contract, rules) -> None:
    """At most ``leave_max_days`` (from ``rules``), within ``contract``'s period.

    Raises a ``ValidationError`` on ``end_date``; ``contract`` may be None (a
    person on no contract): then only the length is checked.
    """
    limit = rules.staff_change.leave_max_days
    days = leave_days(start=start, end=end)
    if days > limit:
        raise ValidationError({"end_date": TOO_LONG % {"limit": limit, "days": days}})
    if contract is not None and not (
        contract.period_start <= start and end <= contract.period_end
    ):
        period = {"start": contract.period_start, "end": contract.period_end}
        raise ValidationError({"end_date": OUTSIDE_CONTRACT % period})


@dataclass(frozen=True)
class LengthCheck:
    """The route of one leave as decided, with the rule values it read."""

    days: int
    working_days: int
    limit: int
    manager: bool
    needs_carrier: bool
    revision_id: int

    @property
    def notes(self) -> list[dict]:
        """The routing notes, stored as message keys (``workflows.notes``)."""
        values = {"days": self.days, "working": self.working_days}
        notes = [LENGTH_NOTE.note(**values, limit=self.limit)]
        return [*notes, MANAGER_NOTE.note()] if self.manager else notes

    def as_record(self) -> dict:
        return {
            "topic": "staff_change",
            "revision_id": self.revision_id,
            "leave_carrier_after_days": self.limit,
            "days": self.days,
            "working_days": self.working_days,
            "manager": self.manager,
            "needs_carrier": self.needs_carrier,
        }


def length_check(*, start: date, end: date, manager: bool, rules) -> LengthCheck:
    """Compare a leave with the threshold read from ``rules`` (a rules snapshot)."""
    days = leave_days(start=start, end=end)
    return LengthCheck(
        days=days,
        working_days=working_days_between(start - timedelta(days=1), end),
        limit=rules.staff_change.leave_carrier_after_days,
        manager=manager,
        needs_carrier=manager or leave_needs_carrier(days=days, rules=rules),
        revision_id=rules.staff_change.revision_id,
    )
