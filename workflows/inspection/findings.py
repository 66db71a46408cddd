"""Following up a finding: rectified on the spot (a note and a photo),
scheduled for a date (overdue after it), or a fault ticket opened from it."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from registry.calendar import local_today
from registry.selectors import company_of

from .execution import EXECUTE_PERMISSION, NOT_ALLOWED, _photo
from .models import Finding

CHOOSE_FOLLOW_UP = _("Choose how it is followed up.")
NOTE_REQUIRED = _("Say how it was rectified.")
PHOTO_REQUIRED = _("Add a photo of the rectification.")
DATE_REQUIRED = _("Give the date by which it will be rectified.")
DATE_PAST = _("The date cannot be in the past.")
ALREADY_RECTIFIED = _("This finding has already been rectified.")
HAS_TICKET = _("A fault ticket was already opened from this finding: %(reference)s.")
TICKET_TEXT = _("Inspection finding at %(site)s: %(finding)s")


def follow_up_validate(
    *, follow_up: str, note: str, due_date, today, photo=None
) -> None:
    if follow_up == Finding.FollowUp.RECTIFIED:
        errors = {}
        if not note.strip():
            errors["note"] = NOTE_REQUIRED
        if not photo:
            errors["photo"] = PHOTO_REQUIRED
        if errors:
            raise ValidationError(errors)
    if follow_up == Finding.FollowUp.SCHEDULED:
        if due_date is None:
            raise ValidationError({"due_date": DATE_REQUIRED})
        if due_date < today:
            raise ValidationError({"due_date": DATE_PAST})


def _company_check(*, finding: Finding, user) -> None:
    company = company_of(user)
    if (
        company is None
        or company.pk != finding.company_id
        or not user.has_perm(EXECUTE_PERMISSION)
    ):
        raise PermissionDenied(NOT_ALLOWED)


def finding_follow_up(
    *, finding: Finding, user, follow_up: str, note: str = "", due_date=None, photo=None
) -> Finding:
    _company_check(finding=finding, user=user)
    if follow_up not in (Finding.FollowUp.RECTIFIED, Finding.FollowUp.SCHEDULED):
        raise ValidationError({"follow_up": CHOOSE_FOLLOW_UP})
    follow_up_validate(
        follow_up=follow_up,
        note=note,
        due_date=due_date,
        today=local_today(),
        photo=photo,
    )
    if follow_up == Finding.FollowUp.RECTIFIED:
        try:
            photo = _photo(photo)
        except ValidationError as error:
            raise ValidationError({"photo": error.messages}) from None
    with transaction.atomic():
        finding = Finding.objects.select_for_update().get(pk=finding.pk)
        if finding.resolved_at is not None:
            raise ValidationError(ALREADY_RECTIFIED)
        finding.follow_up = follow_up
        finding.note = note.strip()
        if follow_up == Finding.FollowUp.RECTIFIED:
            finding.resolved_at = timezone.now()
            finding.photo = photo
        else:
            finding.due_date = due_date
        finding.full_clean(exclude=["execution", "created_by", "fault_ticket"])
        finding.save()
    return finding


def finding_ticket_open(*, finding: Finding, user, level: int, mode: str):
    """File a fault ticket for the finding's site through the faults service
    (its dispatch rights and checks); the finding and the ticket link both ways."""
    from workflows.faults.services import TicketInput, ticket_dispatch

    with transaction.atomic():
        finding = Finding.objects.select_for_update().get(pk=finding.pk)
        if finding.fault_ticket_id is not None:
            raise ValidationError(
                HAS_TICKET, params={"reference": finding.fault_ticket.reference}
            )
        if finding.resolved_at is not None:
            raise ValidationError(ALREADY_RECTIFIED)
        data = TicketInput(
            site=finding.site,
            level=level,
            mode=mode,
            description=str(
                TICKET_TEXT % {"site": finding.site.code, "finding": finding.text}
            ),
        )
        ticket = ticket_dispatch(user=user, data=data)
        finding.fault_ticket, finding.follow_up = ticket, Finding.FollowUp.TICKET
        finding.save(update_fields=["fault_ticket", "follow_up"])
    return ticket


def parse_day(value: str | None):
    """An ISO date from a form, or None; a malformed one is a field error."""
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise ValidationError({"due_date": DATE_REQUIRED}) from None
