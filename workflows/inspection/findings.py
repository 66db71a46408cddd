"""Following up a finding: rectified on the spot with a note, or scheduled."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from registry.calendar import local_today
from registry.selectors import company_of

from .execution import EXECUTE_PERMISSION, NOT_ALLOWED
from .models import Finding

NOTE_REQUIRED = _("Say how it was rectified.")
DATE_REQUIRED = _("Give the date by which it will be rectified.")
DATE_PAST = _("The date cannot be in the past.")
ALREADY_RECTIFIED = _("This finding has already been rectified.")


def follow_up_validate(*, follow_up: str, note: str, due_date, today) -> None:
    if follow_up == Finding.FollowUp.RECTIFIED and not note.strip():
        raise ValidationError({"note": NOTE_REQUIRED})
    if follow_up == Finding.FollowUp.SCHEDULED:
        if due_date is None:
            raise ValidationError({"due_date": DATE_REQUIRED})
        if due_date < today:
            raise ValidationError({"due_date": DATE_PAST})


def finding_follow_up(
    *, finding: Finding, user, follow_up: str, note: str = "", due_date=None
) -> Finding:
    company = company_of(user)
    if (
        company is None
        or company.pk != finding.company_id
        or not user.has_perm(EXECUTE_PERMISSION)
    ):
        raise PermissionDenied(NOT_ALLOWED)
    follow_up_validate(
        follow_up=follow_up, note=note, due_date=due_date, today=local_today()
    )
    with transaction.atomic():
        finding = Finding.objects.select_for_update().get(pk=finding.pk)
        if finding.resolved_at is not None:
            raise ValidationError(ALREADY_RECTIFIED)
        finding.follow_up = follow_up
        finding.note = note.strip()
        if follow_up == Finding.FollowUp.RECTIFIED:
            finding.resolved_at = timezone.now()
        else:
            finding.due_date = due_date
        finding.full_clean(exclude=["execution", "created_by"])
        finding.save()
    return finding


def parse_day(value: str | None):
    """An ISO date from a form, or None; a malformed one is a field error."""
    import datetime

    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise ValidationError({"due_date": DATE_REQUIRED}) from None
