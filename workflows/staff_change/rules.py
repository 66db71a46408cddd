"""The staff-change cap (人员变动比例不能超过15%), as plain decisions.

A contract's changed positions within its period are counted: each person
added or removed counts 1, a replacement (one out, one in) counts 1; requests
approved or still in flight count. Allowed = floor(cap% × headcount).
"""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from home.rules import allowed_positions
from workflows.notes import NoteMessage

ADD_NEEDS_PEOPLE_IN = _("An addition names at least one person who joins.")
REMOVE_NEEDS_PEOPLE_OUT = _("A removal names at least one person who leaves.")
REPLACE_NEEDS_PAIRS = _(
    "A replacement names as many people who join as people who leave."
)
NOBODY_LEAVES_ON_ADD = _("An addition cannot also remove people.")
NOBODY_JOINS_ON_REMOVE = _("A removal cannot also add people.")
OUTSIDE_PERIOD = _("The effective date must fall within the contract period.")
PERSON_PENDING = _(
    "%(name)s is already in staff change %(reference)s, which is still open: "
    "one open change per person."
)
USAGE_NOTE = NoteMessage(
    "staff_change.cap_usage",
    _(
        "%(used)s of %(allowed)s positions used, this request makes %(after)s "
        "= %(percent)s%% of %(headcount)s"
    ),
)
# Also the cap line of a request page over the cap (staff_change/detail.html).
OVER_CAP_NOTE = NoteMessage(
    "staff_change.over_cap",
    _(
        "Over the cap: with this request the contract would have %(after)s "
        "changed positions and %(allowed)s are allowed (%(cap)s%% of "
        "%(headcount)s; %(used)s already used). This request goes to "
        "%(approvers)s for approval as an exception."
    ),
    roles=("approvers",),
)

LIVE_USAGE = _(
    "This request takes %(requested)s of the contract's positions: "
    "%(after)s of %(allowed)s used, %(left)s left (cap %(percent)s%% of "
    "%(headcount)s)."
)
LIVE_OVER = _(
    "This request takes %(requested)s of the contract's positions: %(after)s of "
    "%(allowed)s, %(over)s above the cap. It goes to the exception step."
)


def positions_for(*, kind: str, ins: int, outs: int) -> int:
    """Changed positions of one request."""
    return max(ins, outs) if kind == "replace" else ins + outs


def people_validate(*, kind: str, ins: int, outs: int) -> None:
    """Raise a translated error when the people do not fit the kind of change."""
    if kind == "add":
        if ins < 1:
            raise ValidationError(ADD_NEEDS_PEOPLE_IN)
        if outs:
            raise ValidationError(NOBODY_LEAVES_ON_ADD)
    elif kind == "remove":
        if outs < 1:
            raise ValidationError(REMOVE_NEEDS_PEOPLE_OUT)
        if ins:
            raise ValidationError(NOBODY_JOINS_ON_REMOVE)
    elif ins < 1 or ins != outs:
        raise ValidationError(REPLACE_NEEDS_PAIRS)


def people_free_validate(*, pending: list[tuple[str, str]]) -> None:
    """Refuse people already named in an open change: ``pending`` lists their
    (name, reference of that change), the first one named in the message.

    A person in two open changes would be counted twice against the cap, and
    the second change to take effect would rewrite the first one's leaving date.
    """
    if pending:
        name, reference = pending[0]
        error = ValidationError(
            PERSON_PENDING, params={"name": name, "reference": reference}
        )
        raise ValidationError({"staff_out": error})


@dataclass(frozen=True)
class CapCheck:
    """The cap as it stood when a request was checked."""

    headcount: int
    cap_percent: Decimal
    allowed: int
    used: int
    requested: int
    revision_id: int
    approvers: str = ""  # the group that decides on an exception (its name)

    @property
    def within_cap(self) -> bool:
        return self.used + self.requested <= self.allowed

    @property
    def percent_after(self) -> Decimal:
        share = Decimal(self.used + self.requested) * 100 / Decimal(self.headcount)
        return share.quantize(Decimal("0.1"))

    @property
    def notes(self) -> list[dict]:
        """The routing note, stored as a message key (``workflows.notes``)."""
        values = {
            "used": self.used,
            "allowed": self.allowed,
            "after": self.used + self.requested,
            "percent": self.percent_after,
            "headcount": self.headcount,
        }
        if self.within_cap:
            return [USAGE_NOTE.note(**values)]
        cap = f"{self.cap_percent.normalize():f}"
        return [OVER_CAP_NOTE.note(**values, cap=cap, approvers=self.approvers)]

    @property
    def live_note(self) -> str:
        """What the form shows while it is filled in."""
        after = self.used + self.requested
        params = {
            "requested": self.requested,
            "after": after,
            "allowed": self.allowed,
            "left": max(self.allowed - after, 0),
            "over": max(after - self.allowed, 0),
            "percent": _plain_number(self.cap_percent),
            "headcount": self.headcount,
        }
        return (LIVE_USAGE if self.within_cap else LIVE_OVER) % params

    def as_record(self) -> dict:
        return {
            "topic": "staff_change",
            "revision_id": self.revision_id,
            "cap_percent": str(self.cap_percent),
            "headcount": self.headcount,
            "allowed": self.allowed,
            "used": self.used,
            "requested": self.requested,
            "within_cap": self.within_cap,
        }


def cap_check(*, headcount: int, used: int, requested: int, rules) -> CapCheck:
    """Compare a request with the cap read from ``rules`` (a rules snapshot)."""
    return CapCheck(
        headcount=headcount,
        cap_percent=rules.staff_change.cap_percent,
        allowed=allowed_positions(headcount=headcount, rules=rules),
        used=used,
        requested=requested,
        revision_id=rules.staff_change.revision_id,
        approvers=rules.staff_change.exception_group.name,
    )


def _plain_number(value: Decimal) -> str:
    """15.00 → "15", 12.50 → "12.5"."""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text
