"""Writes of the position change flow: file, route, decide, apply on the date."""

from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home.rules import current_rules
from registry.calendar import CALENDAR_ZONE, local_today
from registry.models import Region, StaffMember
from registry.selectors import company_of
from workflows.notes import NoteMessage
from workflows.services import (
    new_reference,
    person_lock,
    summary_write,
    transition_record,
)

from . import rules
from .models import PositionChange
from .steps import COMPANY

NOT_ALLOWED = _("Only contractor managers file position changes.")
COMMENT_REQUIRED = _("Give a reason for rejecting.")
SUMMARY = _("Position change of %(name)s from %(date)s")
ALREADY_LEFT = NoteMessage(
    "position.already_left",
    _("%(name)s had left by the effective date: the roster is left unchanged."),
)


@dataclass
class PositionInput:
    """What a contractor manager fills in; an empty value keeps the current one."""

    person: StaffMember
    effective_date: date
    reason: str
    position: str = ""
    team: str = ""
    region: Region | None = None
    answers: list[dict] = field(default_factory=list)
    attachments: list = field(default_factory=list)


def move_of(*, person: StaffMember, data: PositionInput) -> rules.Move:
    """The new values; a blank one keeps what the roster says."""
    return rules.Move(
        position=data.position or person.position,
        team=(data.team or "").strip() or person.team,
        region_id=data.region.pk if data.region is not None else person.region_id,
    )


def position_validate(*, user, data: PositionInput) -> StaffMember:
    """Every check of a filing; raises a translated ``ValidationError``."""
    company = company_of(user)
    if (
        company is None
        or not user.has_perm("position.add_positionchange")
        or not user.has_perm(COMPANY.permission, company)
    ):
        raise ValidationError(NOT_ALLOWED)
    person = data.person
    if person is None:
        raise ValidationError({"person": rules.OTHER_COMPANY})
    rules.change_validate(
        person=person,
        company_id=company.pk,
        move=move_of(person=person, data=data),
        effective_date=data.effective_date,
        today=local_today(),
    )
    return person


def position_submit(*, user, data: PositionInput) -> PositionChange:
    """Validate and start a change; filings for one person are serialised."""
    from .flows import PositionFlow

    position_validate(user=user, data=data)
    with transaction.atomic():
        person_lock(person_id=data.person.pk)
        data.person.refresh_from_db()
        position_validate(user=user, data=data)
        return PositionFlow.start.run(user=user, data=data)


def position_fill(*, change: PositionChange, user, data: PositionInput) -> None:
    """Write the requester's input onto ``change``."""
    person = data.person
    move = move_of(person=person, data=data)
    change.company_id, change.person, change.requester = (
        person.company_id,
        person,
        user,
    )
    change.old_position, change.new_position = person.position, move.position
    change.old_team, change.new_team = person.team, move.team
    change.old_region_id, change.new_region_id = person.region_id, move.region_id
    change.effective_date = data.effective_date
    change.reason = data.reason.strip()
    change.person_is_manager = person.user_id is not None and person.user.has_perm(
        COMPANY.permission, person.company
    )
    summary_write(change, SUMMARY, name=person.name, date=data.effective_date)
    change.reference = change.reference or new_reference("PC")
    change.answers = data.answers or change.answers
    change.full_clean(exclude=["flow_class", "attachments"])
    change.save()
    if data.attachments:
        change.attachments.add(*data.attachments)


def position_route(*, change: PositionChange, task) -> rules.Route:
    """Record the levels the change goes through, with the limits read now."""
    route = rules.route(manager=change.person_is_manager, rules=current_rules())
    transition_record(
        request=change,
        action="routed",
        task=task,
        notes=route.notes,
        rules=route.as_record(),
    )
    return route


def decision_record(*, change: PositionChange, task, user, decision: str, comment: str):
    """Store an approver's decision; rejecting needs a reason."""
    if decision == PositionChange.Decision.REJECTED and not comment.strip():
        raise ValidationError({"comment": COMMENT_REQUIRED})
    change.decision = decision
    if decision == PositionChange.Decision.REJECTED:
        change.outcome = PositionChange.Decision.REJECTED
    change.save(update_fields=["decision", "outcome"])
    deadlines = current_rules().deadlines
    transition_record(
        request=change,
        action=decision,
        actor=user,
        task=task,
        comment=comment,
        rules={"topic": "deadlines", "revision_id": deadlines.revision_id},
    )


def change_grant(*, change: PositionChange) -> None:
    """The carrier approved: the change stands and waits for its date."""
    change.outcome = PositionChange.Decision.APPROVED
    change.save(update_fields=["outcome"])


def change_apply(*, change: PositionChange, task) -> None:
    """The effective date: the roster row takes the new position, group, area."""
    person = StaffMember.objects.select_for_update().get(pk=change.person_id)
    notes = []
    if person.status == StaffMember.Status.LEFT:
        notes.append(ALREADY_LEFT.note(name=person.name))
    else:
        person.position = change.new_position
        person.team = change.new_team
        person.region_id = change.new_region_id
        person.full_clean()
        person.save(update_fields=["position", "team", "region"])
    change.applied_on = max(change.effective_date, local_today())
    change.save(update_fields=["applied_on"])
    transition_record(request=change, action="applied", task=task, notes=notes)


def effective_moment(change: PositionChange) -> datetime:
    """Midnight (Asia/Shanghai) starting the effective date: when the timer fires."""
    return timezone.make_aware(
        datetime.combine(change.effective_date, time.min), CALENDAR_ZONE
    )
