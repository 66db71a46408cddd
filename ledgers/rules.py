"""What may happen to a ledger item: the part states' transitions, repair due days.

The time limit for sending a broken part for repair is the CMS's obligation
``broken_part_return``; working days follow the registry's working calendar.
"""

from datetime import date, datetime, timedelta

from django.utils.translation import gettext_lazy as _

from home.models.deadlines import DeadlineUnit, Obligation
from home.rules import RulesSnapshot, current_rules, deadline_for
from registry.calendar import CALENDAR_ZONE, add_working_days

from .models import PartState as S

# From each state, the states a part may move to next. Returned is final.
PART_TRANSITIONS: dict[str, frozenset[str]] = {
    S.IN_STORE: frozenset({S.IN_USE, S.BROKEN, S.RETURNED}),
    S.IN_USE: frozenset({S.IN_STORE, S.BROKEN}),
    S.BROKEN: frozenset({S.AT_REPAIR}),
    S.AT_REPAIR: frozenset({S.IN_STORE, S.RETURNED}),
    S.RETURNED: frozenset(),
}

MOVE_NOT_ALLOWED = _("A part that is “%(from)s” cannot become “%(to)s”.")
KEY_IS_OUT = _(
    "This key is already signed out to %(person)s. A key is never handed on: "
    "sign it back in first, then sign it out to the next person."
)
KEY_IS_IN = _("This key is not signed out.")
SITE_REQUIRED = _("Choose the site where the part is used.")
PERSON_OF_OTHER_COMPANY = _("The person must belong to the company holding the key.")
PERSON_HAS_LEFT = _("This person has left the company.")
DUE_BEFORE_OUT = _("The key must be due back after it is signed out.")


def move_allowed(from_state: str, to_state: str) -> bool:
    return to_state in PART_TRANSITIONS.get(from_state, frozenset())


def next_states(state: str) -> list[str]:
    return [value for value in S.values if move_allowed(state, value)]


def repair_due(
    broken_at: datetime, *, rules: RulesSnapshot | None = None
) -> tuple[date, int]:
    """The last day a part broken at ``broken_at`` may be sent for repair, and
    the rules revision that decided it."""
    rules = rules or current_rules()
    deadline = deadline_for(obligation=Obligation.BROKEN_PART_RETURN, rules=rules)
    local = broken_at.astimezone(CALENDAR_ZONE)
    if deadline.unit == DeadlineUnit.HOURS:
        due = (local + timedelta(hours=deadline.amount)).date()
    else:
        due = add_working_days(local.date(), deadline.amount)
    return due, rules.deadlines.revision_id


def sent_late(due: date | None, sent_on: date) -> bool:
    return due is not None and sent_on > due


ASSET_SAME_SITE = _("Choose the site the asset moves to.")
ASSET_REMOVED = _("This asset is already removed.")
ASSET_SAME_LABEL = _("Enter the new label.")
ASSET_LABEL_TAKEN = _("Another asset has this label.")
