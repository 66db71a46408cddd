"""Carrying out a planned inspection: each answer saved on its own, then submitted.

An answer is written in its own transaction, so a dropped connection loses
only the item being sent. A reading outside its item's limits opens a finding
at once (``rules.reading_out_of_range``); a corrected reading withdraws the
finding unless it was already followed up. Submitting needs every required
item of the checklist revision the inspection started on.
"""

import os

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from wagtail.models import Revision

from home.models import ChecklistItem
from home.request_fields import validate_attachment
from registry.selectors import company_of
from workflows.presence.models import Presence
from workflows.presence.services import photo_stamp, presence_record
from workflows.services import SUMMARY_LANGUAGES

from . import rules
from .live import finding_appeared
from .models import Answer, Execution, Finding, PlanRow

EXECUTE_PERMISSION = "inspection.add_execution"
NOT_ALLOWED = _("Only the engineers and managers of the company inspect its sites.")
ALREADY_SUBMITTED = _("This inspection has been submitted; it can no longer change.")
NOT_STARTED = _("Save at least one answer first.")
NOT_PUBLISHED = _("This checklist is not published; ask the carrier to publish it.")
UNKNOWN_ITEM = _("This checklist has no such item.")
PHOTO_REQUIRED = _("Choose a photo.")
PHOTO_TYPES = ("png", "jpg")
NOT_A_PHOTO = _("“%(name)s” is not a photo: send a .png or .jpg file.")
DESCRIPTION_REQUIRED = _("Describe the finding.")
READING_FINDING = _("%(item)s: %(value)s, outside its limit (%(limit)s).")
LIMIT_BELOW = _("below %(max)s")
LIMIT_AT_LEAST = _("at least %(min)s")
LIMIT_BETWEEN = _("at least %(min)s and below %(max)s")
ANSWER_FINDING = _("%(item)s: answered “%(answer)s”.")
YES = _("yes")
NO = _("no")
AUTOMATIC = (Finding.Source.READING, Finding.Source.ANSWER)


def items_of(revision_id: int) -> list[ChecklistItem]:
    """The items of one published revision of a checklist, in their order."""
    template = Revision.objects.get(pk=revision_id).as_object()
    return sorted(template.items.all(), key=lambda item: item.sort_order or 0)


def may_execute(*, user, row: PlanRow) -> bool:
    """An engineer or manager of the row's company (the carrier only reads)."""
    company = company_of(user)
    return (
        company is not None
        and company.pk == row.plan.company_id
        and user.has_perm(EXECUTE_PERMISSION)
    )


def execute_check(*, user, row: PlanRow) -> None:
    if not may_execute(user=user, row=row):
        raise PermissionDenied(NOT_ALLOWED)


def _open_execution(*, row: PlanRow, user) -> Execution:
    """The row's inspection, made on the first answer; locked for this write."""
    PlanRow.objects.select_for_update().only("pk").get(pk=row.pk)
    execution = Execution.objects.filter(row=row).first()
    if execution is None:
        if row.template.live_revision_id is None:
            raise ValidationError(NOT_PUBLISHED)
        execution = Execution.objects.create(
            row=row,
            company_id=row.plan.company_id,
            engineer=user,
            template_revision_id=row.template.live_revision_id,
        )
    if execution.submitted_at is not None:
        raise ValidationError(ALREADY_SUBMITTED)
    return execution


def answer_save(
    *, row: PlanRow, user, key: str, raw: str = "", upload=None, location=None
):
    """Save one item's answer; returns (answer, open reading finding or None).

    A photo records where the phone was (``workflows.presence``, flagged
    against the CMS distance limit) and is stamped with the time, the site
    and that position; the upload itself is kept as ``photo_original``.
    """
    execute_check(user=user, row=row)
    with transaction.atomic():
        execution = _open_execution(row=row, user=user)
        item = _item(execution, key)
        answer = Answer.objects.filter(execution=execution, item_key=key).first()
        answer = answer or Answer(execution=execution, item_key=key)
        answer.saved_by = user
        if item.kind == ChecklistItem.Kind.PHOTO:
            presence = presence_record(
                user=user,
                site=row.site,
                purpose=Presence.Purpose.INSPECTION,
                location=location,
            )
            shown, original = photo_stamp(upload=_photo(upload), presence=presence)
            answer.photo, answer.presence = shown, presence
            answer.photo_original = original or ""
        else:
            _typed(answer, item, rules.answer_parse(item=item, raw=raw))
        answer.full_clean(exclude=["execution", "saved_by"])
        answer.save()
        finding = None
        if item.kind == ChecklistItem.Kind.NUMBER:
            finding = _answer_finding(execution, item, answer.number, user)
        elif item.kind == ChecklistItem.Kind.YES_NO:
            finding = _answer_finding(execution, item, answer.yes, user)
    return answer, finding


def _item(execution: Execution, key: str) -> ChecklistItem:
    for item in items_of(execution.template_revision_id):
        if item.key == key:
            return item
    raise ValidationError(UNKNOWN_ITEM)


def _typed(answer: Answer, item: ChecklistItem, value) -> None:
    if item.kind == ChecklistItem.Kind.NUMBER:
        answer.number = value
    elif item.kind == ChecklistItem.Kind.YES_NO:
        answer.yes = value
    else:
        answer.text = value


def _photo(upload):
    if not upload:
        raise ValidationError(PHOTO_REQUIRED)
    name = os.path.basename(upload.name)
    if os.path.splitext(name)[1][1:].lower() not in PHOTO_TYPES:
        raise ValidationError(NOT_A_PHOTO, params={"name": name})
    validate_attachment(upload)
    return upload


def _answer_finding(execution, item, value, user) -> Finding | None:
    """Open, keep or withdraw the item's automatic finding after a new answer.

    A corrected answer withdraws it unless it was already followed up."""
    existing = Finding.objects.filter(
        execution=execution, source__in=AUTOMATIC, item_key=item.key
    ).first()
    if not rules.answer_is_finding(item=item, value=value):
        if existing is not None and not existing.follow_up:
            existing.delete()
            return None
        return existing
    number = item.kind == ChecklistItem.Kind.NUMBER
    finding = existing or Finding(
        execution=execution,
        company_id=execution.company_id,
        site_id=execution.row.site_id,
        source=Finding.Source.READING if number else Finding.Source.ANSWER,
        item_key=item.key,
        created_by=user,
    )
    created = finding.pk is None
    finding.reading = value if number else None
    for attribute, language in SUMMARY_LANGUAGES:
        with translation.override(language):
            text = _finding_text(item, value, number)
        setattr(finding, attribute.replace("summary", "description"), text)
    finding.save()
    if created:
        finding_appeared(finding)
    return finding


def _finding_text(item, value, number: bool) -> str:
    if number:
        return READING_FINDING % {
            "item": item.label,
            "value": f"{_plain(value)} {item.unit}".strip(),
            "limit": _limit_text(item),
        }
    answer = YES if value else NO
    return ANSWER_FINDING % {"item": item.label, "answer": answer}


def _plain(value) -> str:
    """A decimal as people write it: 5, 4.999 (never 5E+2 or 5.000)."""
    return "" if value is None else f"{value.normalize():f}"


def _limit_text(item) -> str:
    """The item's limits as the policy states them: ``below 5 Ω``."""
    bounds = {
        "min": f"{_plain(item.min_value)} {item.unit}".strip(),
        "max": f"{_plain(item.max_value)} {item.unit}".strip(),
    }
    if item.min_value is None:
        return LIMIT_BELOW % bounds
    if item.max_value is None:
        return LIMIT_AT_LEAST % bounds
    return LIMIT_BETWEEN % bounds


def execution_submit(*, row: PlanRow, user) -> Execution:
    """Close the inspection once every required item is answered."""
    execute_check(user=user, row=row)
    with transaction.atomic():
        execution = Execution.objects.filter(row=row).first()
        if execution is None:
            raise ValidationError(NOT_STARTED)
        execution = _open_execution(row=row, user=user)
        answered = set(execution.answers.values_list("item_key", flat=True))
        rules.submit_validate(
            items=items_of(execution.template_revision_id), answered=answered
        )
        execution.submitted_at = timezone.now()
        execution.save(update_fields=["submitted_at"])
    return execution


def finding_add(*, row: PlanRow, user, description: str) -> Finding:
    """A defect the engineer notes by hand while inspecting."""
    execute_check(user=user, row=row)
    if not description.strip():
        raise ValidationError({"description": DESCRIPTION_REQUIRED})
    with transaction.atomic():
        execution = _open_execution(row=row, user=user)
        finding = Finding(
            execution=execution,
            company_id=execution.company_id,
            site_id=row.site_id,
            source=Finding.Source.MANUAL,
            description=description.strip(),
            created_by=user,
        )
        finding.full_clean(exclude=["execution", "created_by"])
        finding.save()
        finding_appeared(finding)
    return finding
