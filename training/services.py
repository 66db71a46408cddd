"""Training writes: lessons read, attempts started and handed in, certificates,
lapses, sessions and ratings. Each is atomic; signals go out after commit.
"""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format

from home.rules import current_rules
from registry.models import StaffMember

from . import rules
from .models import (
    Attempt,
    Certificate,
    ClassroomSession,
    LessonRead,
    Progress,
    SessionRating,
    TrainingModulePage,
)
from .selectors import lessons_read_ids, prerequisites_missing
from .signals import duty_gained, duty_lost


def lesson_mark_read(*, person: StaffMember, module: TrainingModulePage, lesson_id):
    if lesson_id not in module.lesson_ids():
        raise ValidationError("unknown lesson")
    LessonRead.objects.get_or_create(person=person, module=module, lesson_id=lesson_id)


def progress_lock(*, person, module) -> Progress:
    """The person's progress row in ``module``, locked for this transaction."""
    Progress.objects.get_or_create(person=person, module=module)
    return Progress.objects.select_for_update().get(person=person, module=module)


def attempt_refusal(*, person, module, progress: Progress, now=None) -> str:
    """Why no attempt may start now ("" when one may)."""
    now = now or timezone.now()
    if not module.questions:
        return str(rules.NO_QUESTIONS)
    if set(module.lesson_ids()) - lessons_read_ids(person=person, module=module):
        return str(rules.LESSONS_FIRST)
    missing = prerequisites_missing(person=person, module=module)
    if missing:
        return str(
            rules.PREREQUISITES_FIRST % {"modules": rules.modules_named(missing)}
        )
    if rules.valid_certificates().filter(person=person, module=module).exists():
        return str(rules.ALREADY_PASSED)
    attempts = (
        list(progress.attempts.filter(cycle=progress.cycle)) if progress.pk else []
    )
    if len(attempts) >= module.max_attempts:
        return str(rules.NO_ATTEMPTS_LEFT)
    last = attempts[0] if attempts else None
    if last and last.submitted_at and module.cooldown_minutes:
        opens = last.submitted_at + timedelta(minutes=module.cooldown_minutes)
        if opens > now:
            local = timezone.localtime(opens)
            return str(rules.COOLING_DOWN % {"time": date_format(local, "Y-m-d H:i")})
    return ""


def attempt_open(*, person, module) -> Attempt:
    """The open attempt, or a new one with its questions drawn.

    Under a lock on the progress row; the unique (progress, cycle, number)
    and the number ≤ max constraints refuse whatever slips past it.
    """
    try:
        with transaction.atomic():
            progress = progress_lock(person=person, module=module)
            open_attempt = progress.attempts.filter(
                cycle=progress.cycle, submitted_at__isnull=True
            ).first()
            if open_attempt:
                return open_attempt
            refusal = attempt_refusal(person=person, module=module, progress=progress)
            if refusal:
                raise ValidationError(refusal)
            snapshot = current_rules()
            number = progress.attempts.filter(cycle=progress.cycle).count() + 1
            return Attempt.objects.create(
                progress=progress,
                cycle=progress.cycle,
                number=number,
                max_attempts=module.max_attempts,
                drawn=rules.questions_draw(module),
                pass_mark=rules.pass_mark_for(module, rules=snapshot),
                rules_revision=snapshot.training.revision_id,
            )
    except IntegrityError as clash:
        raise ValidationError(str(rules.NO_ATTEMPTS_LEFT)) from clash


def attempt_submit(*, person, attempt_id: int, answers: dict) -> Attempt:
    """Grade ``answers`` on the server, once; a pass issues the certificate."""
    with transaction.atomic():
        attempt = (
            Attempt.objects.select_for_update()
            .select_related("progress")
            .get(pk=attempt_id, progress__person=person)
        )
        if attempt.submitted_at is not None:
            raise ValidationError(str(rules.ALREADY_SUBMITTED))
        module = TrainingModulePage.objects.get(pk=attempt.progress.module_id)
        drawn_ids = {item["id"] for item in attempt.drawn}
        kept = {k: list(v) for k, v in answers.items() if k in drawn_ids}
        score, results = rules.attempt_grade(
            questions=module.question_map(), drawn=attempt.drawn, answers=kept
        )
        attempt.answers, attempt.results, attempt.score = kept, results, score
        attempt.passed = score >= attempt.pass_mark
        attempt.submitted_at = timezone.now()
        attempt.save()
        if attempt.passed:
            certificate_issue(attempt=attempt, module=module)
        return attempt


def certificate_issue(*, attempt: Attempt, module) -> Certificate:
    progress = attempt.progress
    today = timezone.localdate()
    certificate = Certificate(
        person_id=progress.person_id,
        module=module,
        attempt=attempt,
        score=attempt.score,
        hours=module.estimated_hours,
        issued_on=today,
        expires_on=rules.certificate_expiry(module, today),
    )
    certificate.full_clean(exclude=["number"])
    _numbered_save(certificate, today)
    progress.cycle += 1
    progress.save(update_fields=["cycle"])
    duty_status_sync(person=StaffMember.objects.get(pk=progress.person_id))
    return certificate


def _numbered_save(certificate: Certificate, today, tries: int = 5) -> None:
    """Save with the year's next number. Two people passing at once read the
    same last number: the second insert waits on the first's unique index entry,
    fails when it commits, and takes the number after it."""
    for attempt in range(tries):
        certificate.number = _certificate_number(today)
        try:
            with transaction.atomic():
                certificate.save()
            return
        except IntegrityError:
            if attempt == tries - 1:
                raise


def _certificate_number(today) -> str:
    prefix = f"TR-{today.year}-"
    last = (
        Certificate.objects.filter(number__startswith=prefix)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    following = int(last.removeprefix(prefix)) + 1 if last else 1
    return f"{prefix}{following:05d}"


def duty_status_sync(*, person: StaffMember) -> None:
    """A trainee on a contract who meets the gate goes on duty."""
    if person.status != StaffMember.Status.TRAINEE or not person.contract_id:
        return
    if rules.duty_gate_for(person):
        return
    person.status = StaffMember.Status.ON_DUTY
    person.save(update_fields=["status"])
    transaction.on_commit(lambda: duty_gained.send(sender=StaffMember, person=person))


def certificates_lapse(*, today=None) -> int:
    """Deal once with every certificate expired by ``today``: a person on duty
    who no longer meets the gate becomes a trainee and their manager hears."""
    today = today or timezone.localdate()
    lapsed = 0
    with transaction.atomic():
        expired = Certificate.objects.select_for_update().filter(
            lapse_handled=False, expires_on__lt=today
        )
        people = {}
        for certificate in expired.select_related("person"):
            people[certificate.person_id] = certificate.person
            certificate.lapse_handled = True
            certificate.save(update_fields=["lapse_handled"])
        for person in people.values():
            if person.status != StaffMember.Status.ON_DUTY:
                continue
            missing = rules.duty_gate_for(person, today=today)
            if not missing:
                continue
            person.status = StaffMember.Status.TRAINEE
            person.save(update_fields=["status"])
            lapsed += 1
            _after_commit_lost(person, missing)
    return lapsed


def _after_commit_lost(person, missing) -> None:
    transaction.on_commit(
        lambda: duty_lost.send(sender=StaffMember, person=person, modules=missing)
    )


def session_record(*, user, data: dict, attendees) -> ClassroomSession:
    with transaction.atomic():
        session = ClassroomSession(recorded_by=user, **data)
        session.full_clean()
        session.save()
        session.attendees.set(attendees)
        return session


def session_rate(*, person, session: ClassroomSession, values: dict) -> SessionRating:
    """An attendee rates a session once (a second rating is refused)."""
    if not session.attendees.filter(pk=person.pk).exists():
        raise PermissionDenied
    rating = SessionRating(session=session, person=person, **values)
    rating.full_clean()
    with transaction.atomic():
        rating.save()
    return rating
