"""Objections to lines, the carrier's decisions, and events entered by hand."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from viewflow.workflow.models import Task as FlowTask

from home.request_fields import validate_attachment
from home.rules import current_rules
from workflows.services import NOT_YOURS, OPEN_STATUSES, transition_record
from workflows.steps import user_holds

from . import rules
from .models import Assessment, AssessmentLine, ManualDeduction
from .services import AssessmentNote, assessment_tell, rescore
from .steps import DECIDE, OBJECT

MANUAL_EVENTS = ("written_complaint", "unauthorised_interruption")
NEED_EVIDENCE = _("Attach the evidence.")
NEED_DESCRIPTION = _("Say what happened.")
OBJECTED = AssessmentNote(
    "assessment.objected", _("Objection to a deduction for %(event)s.")
)
UPHELD = AssessmentNote(
    "assessment.upheld",
    _("Objection upheld: the deduction for %(event)s is removed."),
)
REJECTED = AssessmentNote(
    "assessment.rejected",
    _("Objection rejected: the deduction for %(event)s stands."),
)
ADDED = AssessmentNote("assessment.added", _("Deduction added by hand: %(event)s."))


def _locked(assessment: Assessment) -> Assessment:
    return Assessment.objects.select_for_update().get(pk=assessment.pk)


def open_task(assessment: Assessment, node: str) -> FlowTask | None:
    return FlowTask.objects.filter(
        process_id=assessment.pk,
        flow_task=getattr(assessment.flow_class, node),
        status__in=OPEN_STATUSES,
    ).first()


def line_object(*, line: AssessmentLine, user, reason: str, evidence=None) -> None:
    """The contractor's manager objects to one line, within the window."""
    with transaction.atomic():
        assessment = _locked(line.assessment)
        if not user_holds(user, OBJECT, company=assessment.contractor):
            raise PermissionDenied(NOT_YOURS)
        task = open_task(assessment, "objections")
        if task is None:
            raise ValidationError(rules.NOT_OPEN)
        if timezone.now() >= assessment.window_closes_at:
            raise ValidationError(rules.WINDOW_CLOSED)
        line = AssessmentLine.objects.select_for_update().get(pk=line.pk)
        if line.objection:
            raise ValidationError(rules.ALREADY_OBJECTED)
        if not (reason or "").strip():
            raise ValidationError({"reason": [rules.NEED_REASON]})
        if evidence:
            validate_attachment(evidence)
            line.objection_evidence = evidence
        line.objection, line.objected_by = reason.strip(), user
        line.objected_at = timezone.now()
        line.save()
        transition_record(
            request=assessment,
            action="progress",
            actor=user,
            task=task,
            comment=line.objection,
            notes=[OBJECTED.note(event=line.event)],
        )
        assessment_tell(assessment)


def line_decide(*, line: AssessmentLine, user, decision: str, comment: str) -> None:
    """The carrier upholds (removes the deduction) or rejects an objection."""
    with transaction.atomic():
        assessment = _locked(line.assessment)
        if not user_holds(user, DECIDE):
            raise PermissionDenied(NOT_YOURS)
        task = open_task(assessment, "decide")
        if task is None:
            raise ValidationError(rules.NOT_OPEN)
        line = AssessmentLine.objects.select_for_update().get(pk=line.pk)
        if not line.objection:
            raise ValidationError(rules.NO_OBJECTION)
        if line.decision:
            raise ValidationError(rules.ALREADY_DECIDED)
        comment = (comment or "").strip()
        if decision == AssessmentLine.Decision.REJECTED and not comment:
            raise ValidationError({"comment": [rules.NEED_COMMENT]})
        line.decision, line.decision_comment = decision, comment
        line.decided_by, line.decided_at = user, timezone.now()
        line.full_clean(exclude=["assessment", "source_type", "objected_by"])
        line.save()
        upheld = decision == AssessmentLine.Decision.UPHELD
        transition_record(
            request=assessment,
            action="approved" if upheld else "rejected",
            actor=user,
            task=task,
            comment=comment,
            notes=[(UPHELD if upheld else REJECTED).note(event=line.event)],
        )
        if not assessment.lines.filter(decision="").exclude(objection="").exists():
            assessment.state = Assessment.State.DECIDED
            assessment.save(update_fields=["state"])
        rescore(assessment)


def manual_add(
    *,
    user,
    company,
    event: str,
    occurred_at,
    description: str,
    evidence,
    description_en: str = "",
) -> ManualDeduction:
    """The carrier enters a complaint or an interruption, with its evidence.

    A month still open gets the line at once; a final month takes none.
    """
    if not user_holds(user, DECIDE):
        raise PermissionDenied(NOT_YOURS)
    if not (description or "").strip():
        raise ValidationError({"description": [NEED_DESCRIPTION]})
    if not evidence:
        raise ValidationError({"evidence": [NEED_EVIDENCE]})
    validate_attachment(evidence)
    month = rules.month_start(timezone.localtime(occurred_at).date())
    with transaction.atomic():
        assessment = (
            Assessment.objects.select_for_update()
            .filter(contractor=company, month=month)
            .first()
        )
        if assessment is not None and assessment.is_final:
            raise ValidationError(rules.FINAL_MONTH)
        entry = ManualDeduction(
            company=company,
            event=event,
            occurred_at=occurred_at,
            description=description.strip(),
            description_en=(description_en or "").strip(),
            evidence=evidence,
            created_by=user,
        )
        entry.full_clean()
        entry.save()
        if assessment is not None:
            _line_add(assessment, entry, user)
    return entry


def _line_add(assessment: Assessment, entry: ManualDeduction, user) -> None:
    AssessmentLine.objects.create(
        assessment=assessment,
        event=entry.event,
        points=current_rules().assessment.deductions[entry.event],
        occurred_at=entry.occurred_at,
        source_type=ContentType.objects.get_for_model(entry),
        source_id=entry.pk,
        collector="manual",
    )
    transition_record(
        request=assessment,
        action="progress",
        actor=user,
        notes=[ADDED.note(event=entry.event)],
    )
    rescore(assessment)
