"""Writes of the leave flow: file, route by length, decide, go on and off leave."""

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from home.rules import current_rules
from registry.models import StaffMember
from registry.selectors import company_of
from workflows.services import (
    clash_validate,
    new_reference,
    person_lock,
    summary_write,
    transition_record,
)
from workflows.temp_lead.selectors import temp_leads_naming

from . import rules
from .models import END_BEFORE_START, Leave
from .selectors import leave_overlapping
from .steps import COMPANY

NOT_ALLOWED = _("Only contractor staff with leave rights file leave.")
NO_STAFF_RECORD = _("Your account has no staff record; ask your manager to file it.")
NOT_YOUR_STAFF = _("Choose a person of your own company.")
ONLY_YOURSELF = _("You may file leave only for yourself.")
PERSON_LEFT = _("This person has left the company.")
OVERLAPS = _(
    "This overlaps the same person's leave from %(start)s to %(end)s, "
    "approved or awaiting approval."
)
STANDS_IN = _(
    "This person is named temporary lead from %(start)s to %(end)s: name "
    "another stand-in for those days first."
)
COMMENT_REQUIRED = _("Give a reason for rejecting.")
SUMMARY = _("Leave of %(name)s, %(start)s – %(end)s")


@dataclass
class LeaveInput:
    """What a requester fills in; no ``person`` means the filer's own record."""

    start_date: date
    end_date: date
    reason: str
    person: StaffMember | None = None
    answers: list[dict] = field(default_factory=list)
    attachments: list = field(default_factory=list)


def leave_person(*, user, data: LeaveInput) -> StaffMember | None:
    if data.person is not None:
        return data.person
    return StaffMember.objects.filter(user_id=user.pk).first()


def leave_validate(*, user, data: LeaveInput) -> StaffMember:
    """Every check of a filing; returns the person on leave.

    Raises a translated ``ValidationError``. The overlap check is repeated
    under a lock by ``leave_submit``.
    """
    company = company_of(user)
    if company is None or not user.has_perm("leave.add_leave"):
        raise ValidationError(NOT_ALLOWED)
    person = leave_person(user=user, data=data)
    if person is None:
        raise ValidationError({"person": NO_STAFF_RECORD})
    if person.company_id != company.pk:
        raise ValidationError({"person": NOT_YOUR_STAFF})
    if person.user_id != user.pk and not user.has_perm(COMPANY.permission, company):
        raise ValidationError({"person": ONLY_YOURSELF})
    if person.status == StaffMember.Status.LEFT:
        raise ValidationError({"person": PERSON_LEFT})
    if data.end_date < data.start_date:
        raise ValidationError({"end_date": END_BEFORE_START})
    rules.leave_bounds_validate(
        start=data.start_date,
        end=data.end_date,
        contract=person.contract,
        rules=current_rules(),
    )
    overlap_validate(person=person, start=data.start_date, end=data.end_date)
    return person


def overlap_validate(*, person: StaffMember, start: date, end: date) -> None:
    """No two standing leaves of a person overlap, nor leave and a stand-in term."""
    clash_validate(
        leave_overlapping(person_id=person.pk, start=start, end=end), OVERLAPS
    )
    terms = temp_leads_naming(stand_in_id=person.pk, start=start, end=end)
    clash_validate(terms, STANDS_IN)


def leave_submit(*, user, data: LeaveInput) -> Leave:
    """Validate and start a leave; filings for one person are serialised."""
    from .flows import LeaveFlow

    person = leave_validate(user=user, data=data)
    with transaction.atomic():
        person_lock(person_id=person.pk)
        overlap_validate(person=person, start=data.start_date, end=data.end_date)
        return LeaveFlow.start.run(user=user, data=data)


def leave_fill(*, leave: Leave, user, data: LeaveInput) -> None:
    """Write the requester's input onto ``leave``."""
    person = leave_person(user=user, data=data)
    leave.company_id, leave.person, leave.requester = person.company_id, person, user
    leave.start_date, leave.end_date = data.start_date, data.end_date
    leave.reason = data.reason.strip()
    leave.days = rules.leave_days(start=data.start_date, end=data.end_date)
    leave.person_is_manager = person.user_id is not None and person.user.has_perm(
        COMPANY.permission, person.company
    )
    summary_write(
        leave, SUMMARY, name=person.name, start=data.start_date, end=data.end_date
    )
    leave.reference = leave.reference or new_reference("LV")
    leave.answers = data.answers or leave.answers
    leave.full_clean(exclude=["flow_class", "attachments"])
    leave.save()
    if data.attachments:
        leave.attachments.add(*data.attachments)


def leave_route(*, leave: Leave, task) -> rules.LengthCheck:
    """Decide whether the carrier approves, from the rules read now; record it."""
    check = rules.length_check(
        start=leave.start_date,
        end=leave.end_date,
        manager=leave.person_is_manager,
        rules=current_rules(),
    )
    leave.needs_carrier = check.needs_carrier
    leave.carrier_after_days = check.limit
    leave.save(update_fields=["needs_carrier", "carrier_after_days"])
    transition_record(
        request=leave,
        action="routed",
        task=task,
        notes=check.notes,
        rules=check.as_record(),
    )
    return check


def decision_record(*, leave: Leave, task, user, decision: str, comment: str):
    """Store an approver's decision; rejecting needs a reason."""
    if decision == Leave.Decision.REJECTED and not comment.strip():
        raise ValidationError({"comment": COMMENT_REQUIRED})
    leave.decision = decision
    if decision == Leave.Decision.REJECTED:
        leave.outcome = Leave.Decision.REJECTED
    leave.save(update_fields=["decision", "outcome"])
    transition_record(
        request=leave,
        action=decision,
        actor=user,
        task=task,
        comment=comment,
        rules=_approver_rules(task),
    )


def _approver_rules(task) -> dict:
    """The carrier's step is taken by the group the rules chose: record which."""
    if task.flow_task.name != "carrier_approval":
        return {}
    staff = current_rules().staff_change
    return {
        "topic": "staff_change",
        "revision_id": staff.revision_id,
        "leave_carrier_group": staff.leave_carrier_group.name,
    }
