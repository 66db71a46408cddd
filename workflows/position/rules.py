"""What a position change may ask, as plain checks, and the route it takes.

A change moves one person of the filer's own company to another position,
work group or area from an effective date that is not in the past; the person
must be on the roster (not left) and on a contract. The company's manager
approves first, except the change of the manager's own post, which has no
company step above it; the carrier's maintenance managers (a fixed role group:
the CMS names no group for this flow) approve after. The time each level has
comes from the CMS deadline rules, recorded with their revision.
"""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext_lazy as _

from home.models.deadlines import Obligation
from registry.models import StaffMember
from workflows.notes import NoteMessage

NO_CHANGE = _("Change the position, the work group or the area: nothing differs now.")
OTHER_COMPANY = _("Choose a person of your own company.")
PAST_DATE = _("The effective date cannot be in the past.")
PERSON_LEFT = _("This person has left the company.")
NO_CONTRACT = _("This person is on no contract: add them to one first.")
MANAGER_NOTE = NoteMessage(
    "position.manager",
    _("Change of the company's manager: the carrier approves it directly."),
)
COMPANY_NOTE = NoteMessage(
    "position.company",
    _("The company's manager approves first, then the carrier."),
)


@dataclass(frozen=True)
class Move:
    """Where a person goes: each value is the new one (unchanged ones repeat)."""

    position: str
    team: str
    region_id: int | None


def change_validate(
    *,
    person: StaffMember,
    company_id: int,
    move: Move,
    effective_date: date,
    today: date,
) -> None:
    """Every check of one change; raises a ``ValidationError`` naming the field."""
    if person.company_id != company_id:
        raise ValidationError({"person": OTHER_COMPANY})
    if person.status == StaffMember.Status.LEFT:
        raise ValidationError({"person": PERSON_LEFT})
    if person.contract_id is None:
        raise ValidationError({"person": NO_CONTRACT})
    if effective_date < today:
        raise ValidationError({"effective_date": PAST_DATE})
    if not is_change(person=person, move=move):
        raise ValidationError({NON_FIELD_ERRORS: NO_CHANGE})


def is_change(*, person: StaffMember, move: Move) -> bool:
    return (move.position, move.team.strip(), move.region_id) != (
        person.position,
        person.team.strip(),
        person.region_id,
    )


@dataclass(frozen=True)
class Route:
    """The levels of one change as decided, with the rule values read."""

    manager: bool
    revision_id: int
    company_limit: object
    carrier_limit: object

    @property
    def notes(self) -> list[dict]:
        return [(MANAGER_NOTE if self.manager else COMPANY_NOTE).note()]

    def as_record(self) -> dict:
        def limit(value):
            return None if value is None else f"{value.amount} {value.unit}"

        return {
            "topic": "deadlines",
            "revision_id": self.revision_id,
            "manager": self.manager,
            "company_step": not self.manager,
            str(Obligation.POSITION_COMPANY_APPROVAL): limit(self.company_limit),
            str(Obligation.POSITION_CARRIER_APPROVAL): limit(self.carrier_limit),
        }


def route(*, manager: bool, rules) -> Route:
    limits = rules.deadlines.deadlines
    return Route(
        manager=manager,
        revision_id=rules.deadlines.revision_id,
        company_limit=limits.get(str(Obligation.POSITION_COMPANY_APPROVAL)),
        carrier_limit=limits.get(str(Obligation.POSITION_CARRIER_APPROVAL)),
    )
