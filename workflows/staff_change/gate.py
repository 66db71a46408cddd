"""The training duty gate, where a staff change's addition takes effect.

A joiner whose row gives the staff number of a trainee of the company (someone
already on the roster as 学员, training in the portal) goes on duty through
the change: it cannot be approved, nor take effect, while that person has not
passed every module required for their position. A joiner with no record is
added as a trainee, as before, and goes on duty once trained.
"""

from django.core.exceptions import ValidationError

from registry.models import StaffMember
from training.rules import duty_gate_for, gate_message


def joiner_record(change, row) -> StaffMember | None:
    """The trainee ``row`` names by staff number, if the company has one."""
    if not row.id_number:
        return None
    return StaffMember.objects.filter(
        company_id=change.company_id,
        employee_no=row.id_number.strip(),
        status=StaffMember.Status.TRAINEE,
    ).first()


def joiners_untrained(change) -> list[str]:
    """A message per joiner who is a trainee and does not meet the gate."""
    problems = []
    for row in change.people.filter(direction="in"):
        person = joiner_record(change, row)
        if person is not None and (missing := duty_gate_for(person)):
            problems.append(gate_message(person, missing))
    return problems


def joiners_gate_validate(change) -> None:
    problems = joiners_untrained(change)
    if problems:
        raise ValidationError(problems)
