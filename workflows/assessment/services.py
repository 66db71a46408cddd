"""Writes of the monthly assessment: draft, score, close the window, finalise.

Objections and their decisions are in ``objections.py``. Every write runs in
one transaction; the live event (score, grade, state) goes out after commit.
"""

from dataclasses import dataclass
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home.models import AssessmentGrade, DeductionEvent
from home.models.deadlines import DeadlineUnit
from home.rules import current_rules
from registry.calendar import local_today
from registry.models import Company
from workflows.deadlines import due_after
from workflows.live.events import publish_on_commit
from workflows.live.groups import auth_group, company_group
from workflows.notes import NoteMessage
from workflows.services import new_reference, summary_write, transition_record

from . import rules
from .collectors import collect
from .models import Assessment, AssessmentLine
from .selectors import drafting_user
from .steps import DECIDE

SUMMARY = _("Assessment %(year)s-%(month)s, %(company)s")
NO_DRAFTER = _("No carrier admin exists to draft the assessments.")
DRAFTED = NoteMessage(
    "assessment.drafted",
    _("Drafted with %(count)s deduction(s): provisional score %(score)s."),
)
WINDOW_CLOSED = NoteMessage(
    "assessment.window_closed",
    _("The objection window closed with %(count)s objection(s)."),
)
OBJECTIONS_SENT = NoteMessage(
    "assessment.objections_sent",
    _("Objections sent: %(count)s line(s) objected to."),
)


class AssessmentNote(NoteMessage):
    """A note naming a grade or an event: stored as keys, shown as labels in
    the reader's language."""

    def _shown(self, name, value):
        if name == "grade" and value in AssessmentGrade.values:
            return AssessmentGrade(value).label
        if name == "event" and value in DeductionEvent.values:
            return DeductionEvent(value).label
        return super()._shown(name, value)


FINALISED = AssessmentNote(
    "assessment.finalised",
    _("Finalised: score %(score)s, grade %(grade)s."),
)


@dataclass
class DraftInput:
    company: Company
    month: date


def assessment_draft(*, company, month: date, user=None) -> tuple[Assessment, bool]:
    """The month's assessment of ``company``, drafted now if it has none."""
    from .flows import AssessmentFlow

    month = rules.month_start(month)
    rules.month_validate(month=month, today=local_today())
    existing = Assessment.objects.filter(contractor=company, month=month).first()
    if existing is not None:
        return existing, False
    user = user or drafting_user()
    if user is None:
        raise ValidationError(NO_DRAFTER)
    try:
        with transaction.atomic():
            data = DraftInput(company=company, month=month)
            return AssessmentFlow.start.run(user=user, data=data), True
    except IntegrityError:  # drafted concurrently: one per company and month
        return Assessment.objects.get(contractor=company, month=month), False


def companies_under_contract(month: date):
    """The companies with a contract running during ``month``."""
    running = Company.objects.filter(
        contracts__period_start__lt=rules.next_month(month),
        contracts__period_end__gte=month,
    )
    return running.distinct().order_by("code")


def month_draft(*, month: date, user=None) -> list[tuple[Assessment, bool]]:
    """Draft ``month`` for every company under contract then (idempotent)."""
    month = rules.month_start(month)
    return [
        assessment_draft(company=company, month=month, user=user)
        for company in companies_under_contract(month)
    ]


def due_drafts() -> int:
    """The timer sweep's part: last month's assessments once the month ended.

    One query when they exist already; the number drafted otherwise.
    """
    month = rules.previous_month(rules.month_start(local_today()))
    if not companies_under_contract(month).exclude(assessments__month=month).exists():
        return 0
    if drafting_user() is None:
        return 0
    return sum(created for _a, created in month_draft(month=month))


def draft_fill(*, assessment: Assessment, user, data: DraftInput) -> None:
    snapshot = current_rules()
    now = timezone.now()
    assessment.company = assessment.contractor = data.company
    assessment.requester, assessment.month = user, data.month
    summary_write(
        assessment,
        SUMMARY,
        year=data.month.year,
        month=f"{data.month.month:02d}",
        company=data.company,
    )
    assessment.reference = assessment.reference or new_reference("KH")
    days = snapshot.assessment.objection_days
    assessment.window_closes_at = due_after(
        now, amount=days, unit=DeadlineUnit.WORKING_DAYS
    )
    assessment.rules = {"drafted": snapshot.revision_ids["assessment"]}
    assessment.full_clean(exclude=["flow_class", "attachments"])
    assessment.save()
    lines_collect(assessment)
    scored = rescore(assessment, snapshot=snapshot)
    transition_record(
        request=assessment,
        action="submitted",
        actor=user,
        notes=[DRAFTED.note(count=assessment.lines.count(), score=str(scored.score))],
        rules={"topic": "assessment", "revision_id": scored.revision_id},
    )


def lines_collect(assessment: Assessment) -> None:
    """Write a line for each event the collectors find in the month."""
    start, end = rules.month_bounds(assessment.month)
    points = current_rules().assessment.deductions
    lines = [
        AssessmentLine(
            assessment=assessment,
            event=row.event,
            points=points[row.event],
            occurred_at=row.occurred_at,
            source_type=ContentType.objects.get_for_model(row.source),
            source_id=row.source.pk,
            collector=key,
            source_key=row.key,
            detail=row.detail,
        )
        for key, row in collect(assessment.contractor, start, end)
        if row.event in points
    ]
    AssessmentLine.objects.bulk_create(lines, ignore_conflicts=True)


def rescore(assessment: Assessment, *, snapshot=None) -> rules.Scored:
    """Score the counted lines with the rules now; store score, grade, points."""
    snapshot = snapshot or current_rules()
    lines = list(assessment.lines.all())
    for line in lines:
        line.points = snapshot.assessment.deductions.get(line.event, line.points)
    AssessmentLine.objects.bulk_update(lines, ["points"])
    scored = rules.score_events(
        events=[line.event for line in lines if line.counted], rules=snapshot
    )
    assessment.score, assessment.grade = scored.score, scored.grade
    assessment.rules = {**assessment.rules, "scored": scored.revision_id}
    assessment.save(update_fields=["score", "grade", "rules"])
    assessment_tell(assessment)
    return scored


def state_after_objections(assessment: Assessment) -> str:
    if assessment.lines.filter(decision="").exclude(objection="").exists():
        return Assessment.State.OBJECTED
    return Assessment.State.DECIDED


def objections_send(*, assessment: Assessment, task, user) -> None:
    """The manager sends the objections (or none): the carrier decides next."""
    assessment.state = state_after_objections(assessment)
    assessment.save(update_fields=["state"])
    count = assessment.lines.exclude(objection="").count()
    transition_record(
        request=assessment,
        action="submitted",
        actor=user,
        task=task,
        notes=[OBJECTIONS_SENT.note(count=count)],
    )
    assessment_tell(assessment)


def window_close(*, assessment: Assessment, task) -> None:
    """The window passed without the manager sending: what was filed stands."""
    assessment.state = state_after_objections(assessment)
    assessment.save(update_fields=["state"])
    count = assessment.lines.exclude(objection="").count()
    transition_record(
        request=assessment,
        action="ended",
        task=task,
        notes=[WINDOW_CLOSED.note(count=count)],
    )
    assessment_tell(assessment)


def assessment_finalise(*, assessment: Assessment, task, user) -> None:
    if assessment.lines.filter(decision="").exclude(objection="").exists():
        raise ValidationError(rules.UNDECIDED)
    snapshot = current_rules()
    scored = rescore(assessment, snapshot=snapshot)
    assessment.state, assessment.finalised_at = (
        Assessment.State.FINAL,
        timezone.now(),
    )
    assessment.outcome = "completed"
    assessment.rules = {**assessment.rules, "finalised": snapshot.revision_ids}
    assessment.save(update_fields=["state", "finalised_at", "outcome", "rules"])
    transition_record(
        request=assessment,
        action="confirmed",
        actor=user,
        task=task,
        notes=[FINALISED.note(score=str(scored.score), grade=scored.grade)],
        rules={"topic": "assessment", "revision_id": scored.revision_id},
    )
    assessment_tell(assessment)


def assessment_tell(assessment: Assessment) -> None:
    """After commit: the score, grade and state to the company and the carrier."""
    payload = {
        "assessment": {
            "id": assessment.pk,
            "company": assessment.contractor_id,
            "month": assessment.month.isoformat(),
            "score": str(assessment.score),
            "grade": assessment.grade,
            "state": assessment.state,
        }
    }
    group = DECIDE.group_id(current_rules())
    publish_on_commit(
        [company_group(assessment.contractor_id), auth_group(group)], payload
    )
