"""Training reads: a person's standing, hours this year, oversight tables."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from home.rules import current_rules
from registry.models import StaffMember

from .models import (
    Certificate,
    ClassroomSession,
    LessonRead,
    Progress,
    SessionRating,
    TrainingModulePage,
)


def lessons_read_ids(*, person, module) -> set[str]:
    return set(
        LessonRead.objects.filter(person=person, module=module).values_list(
            "lesson_id", flat=True
        )
    )


def prerequisites_missing(*, person, module) -> list:
    required = list(module.prerequisites.all())
    if not required:
        return []
    held = set(
        _valid(
            Certificate.objects.filter(person=person, module__in=required)
        ).values_list("module_id", flat=True)
    )
    return [m for m in required if m.pk not in held]


def _valid(queryset, today=None):
    today = today or timezone.localdate()
    return queryset.filter(Q(expires_on__isnull=True) | Q(expires_on__gte=today))


def modules_for(person: StaffMember, user=None):
    """Live modules for ``person``'s position (and the user's roles, if set)."""
    modules = (
        TrainingModulePage.objects.live()
        .filter(
            Q(audience_positions__isnull=True)
            | Q(audience_positions__position=person.position)
        )
        .distinct()
        .order_by("path")
    )
    if user is not None:
        groups = list(user.groups.values_list("pk", flat=True))
        modules = modules.filter(
            Q(audience_roles__isnull=True) | Q(audience_roles__in=groups)
        ).distinct()
    return modules


@dataclass
class ModuleStanding:
    module: TrainingModulePage
    lessons: int
    read: int
    attempts: int
    certificate: Certificate | None
    expired: Certificate | None

    @property
    def percent(self) -> int:
        return round(100 * self.read / self.lessons) if self.lessons else 100

    @property
    def quiz_open(self) -> bool:
        return self.read >= self.lessons

    @property
    def state(self) -> str:
        if self.certificate:
            return "passed"
        if self.expired:
            return "expired"
        if self.attempts:
            return "failed"
        return "in_progress" if self.read else "not_started"


def standings_for(person: StaffMember, user=None) -> list[ModuleStanding]:
    modules = list(modules_for(person, user))
    reads = defaultdict(set)
    for module_id, lesson_id in LessonRead.objects.filter(person=person).values_list(
        "module_id", "lesson_id"
    ):
        reads[module_id].add(lesson_id)
    attempts = defaultdict(int)
    for progress in Progress.objects.filter(person=person).prefetch_related("attempts"):
        attempts[progress.module_id] = sum(
            1
            for a in progress.attempts.all()
            if a.cycle == progress.cycle and a.submitted_at
        )
    valid, expired = _certificates_by_module(person)
    return [
        ModuleStanding(
            module=m,
            lessons=len(ids := m.lesson_ids()),
            read=len(set(ids) & reads[m.pk]),
            attempts=attempts[m.pk],
            certificate=valid.get(m.pk),
            expired=expired.get(m.pk),
        )
        for m in modules
    ]


def _certificates_by_module(person):
    today = timezone.localdate()
    valid, expired = {}, {}
    for certificate in Certificate.objects.filter(person=person).order_by("issued_on"):
        if certificate.expires_on is None or certificate.expires_on >= today:
            valid[certificate.module_id] = certificate
        else:
            expired[certificate.module_id] = certificate
    return valid, expired


def year_start(today: date | None = None) -> date:
    return (today or timezone.localdate()).replace(month=1, day=1)


def hours_by_person(person_ids, *, today=None) -> dict[int, Decimal]:
    """Training hours this calendar year: certificates issued plus sessions."""
    since = year_start(today)
    hours: dict[int, Decimal] = defaultdict(Decimal)
    for person_id, value in Certificate.objects.filter(
        person_id__in=person_ids, issued_on__gte=since
    ).values_list("person_id", "hours"):
        hours[person_id] += value
    through = ClassroomSession.attendees.through
    for person_id, value in through.objects.filter(
        staffmember_id__in=person_ids, classroomsession__held_on__gte=since
    ).values_list("staffmember_id", "classroomsession__hours"):
        hours[person_id] += value
    return hours


def yearly_hours_required() -> Decimal:
    return current_rules().training.yearly_hours


def sessions_to_rate(person: StaffMember):
    rated = SessionRating.objects.filter(person=person).values("session_id")
    return person.classroom_sessions.exclude(pk__in=rated).order_by("-held_on")


@dataclass
class Oversight:
    modules: list = field(default_factory=list)
    by_module: list = field(default_factory=list)  # (module, passed, of)
    by_company: list = field(default_factory=list)  # (company, passed, of)
    by_position: list = field(default_factory=list)  # (label, passed, of)
    not_on_duty: list = field(default_factory=list)  # (person, missing modules)
    overdue: list = field(default_factory=list)  # (person, module, expired on)
    hours: list = field(default_factory=list)  # (person, hours)
    yearly_hours: Decimal = Decimal(0)


def _required_modules() -> list:
    return list(
        TrainingModulePage.objects.live()
        .filter(required_for_duty=True)
        .defer("lessons", "questions")
        .prefetch_related("audience_positions")
        .order_by("path")
    )


def _audiences(required) -> dict[int, set[str]]:
    """Each required module's positions (empty: every position)."""
    return {m.pk: {a.position for a in m.audience_positions.all()} for m in required}


def completion_by_company(people) -> dict[int, tuple[int, int]]:
    """``{company_id: (required modules passed, required)}`` over ``people``
    (a queryset), counted as ``oversight_for`` counts them but in the
    database: four queries whatever the number of people or certificates."""
    people = people.exclude(status=StaffMember.Status.LEFT).order_by()
    required = _required_modules()
    audiences = _audiences(required)

    def applies(module_id: int, position: str) -> bool:
        return not audiences[module_id] or position in audiences[module_id]

    totals: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for company_id, position, n in people.values_list(
        "company_id", "position"
    ).annotate(n=Count("pk")):
        totals[company_id][1] += n * sum(applies(m.pk, position) for m in required)
    passed = (
        _valid(Certificate.objects.filter(person__in=people, module__in=required))
        .values_list("person__company_id", "person__position", "module_id")
        .annotate(n=Count("person_id", distinct=True))
        .order_by()
    )
    for company_id, position, module_id, n in passed:
        if applies(module_id, position):
            totals[company_id][0] += n
    return {pk: (done, of) for pk, (done, of) in totals.items() if of}


def oversight_for(people) -> Oversight:
    """Completion of required modules over ``people`` (a queryset), in a fixed
    number of queries whatever their number."""
    today = timezone.localdate()
    people = list(people.exclude(status=StaffMember.Status.LEFT))
    ids = [p.pk for p in people]
    required = _required_modules()
    positions = _audiences(required)
    valid, lapsed = set(), {}
    for c in Certificate.objects.filter(person_id__in=ids, module__in=required):
        if c.expires_on is None or c.expires_on >= today:
            valid.add((c.person_id, c.module_id))
        else:
            lapsed[(c.person_id, c.module_id)] = c.expires_on
    result = Oversight(modules=required, yearly_hours=yearly_hours_required())
    per_module, per_company, per_position = (defaultdict(lambda: [0, 0]) for _ in "abc")
    companies, labels = {}, dict(StaffMember.Position.choices)
    for person in people:
        needed = [
            m
            for m in required
            if not positions[m.pk] or person.position in positions[m.pk]
        ]
        missing = [m for m in needed if (person.pk, m.pk) not in valid]
        companies[person.company_id] = person.company
        for m in needed:
            done = (person.pk, m.pk) in valid
            for counter, key in (
                (per_module, m.pk),
                (per_company, person.company_id),
                (per_position, person.position),
            ):
                counter[key][0] += done
                counter[key][1] += 1
            if not done and (person.pk, m.pk) in lapsed:
                result.overdue.append((person, m, lapsed[(person.pk, m.pk)]))
        if person.status == StaffMember.Status.TRAINEE:
            result.not_on_duty.append((person, missing))
    by_pk = {m.pk: m for m in required}
    result.by_module = [(by_pk[k], *v) for k, v in per_module.items()]
    result.by_company = [(companies[k], *v) for k, v in per_company.items()]
    result.by_position = [(labels[k], *v) for k, v in per_position.items()]
    hours = hours_by_person(ids, today=today)
    result.hours = [(p, hours.get(p.pk, Decimal(0))) for p in people]
    return result


def duty_lost_for(company_id: int, *, today=None, days: int = 60, limit: int = 20):
    """(person, module, expired on) of the company's people back to trainee
    because a certificate lapsed in the last ``days`` days and was not renewed:
    what their manager's queue shows until it is put right. One query."""
    today = today or timezone.localdate()
    renewed = Certificate.objects.filter(
        person_id=OuterRef("person_id"), module_id=OuterRef("module_id")
    ).filter(Q(expires_on__isnull=True) | Q(expires_on__gte=today))
    lapsed = (
        Certificate.objects.filter(
            lapse_handled=True,
            person__company_id=company_id,
            person__status=StaffMember.Status.TRAINEE,
            expires_on__lt=today,
            expires_on__gte=today - timedelta(days=days),
        )
        .exclude(Exists(renewed))
        .select_related("person", "module")
        .order_by("-expires_on", "pk")[:limit]
    )
    return [(c.person, c.module, c.expires_on) for c in lapsed]
