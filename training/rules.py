"""Training decisions: drawing and grading a quiz, the duty gate, session scores.

Numbers come from the CMS: the pass mark (``home.rules`` training rules, or the
module's override), the rating weights and the grade bands.
"""

import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home.rules import current_rules, training_grade, training_rating
from home.text import english_active, localized
from registry.models import StaffMember

from .blocks import QuestionKind
from .models import CRITERIA, Certificate, TrainingModulePage

HUNDRED = Decimal(100)
GATE_UNMET = _("%(name)s has not passed: %(modules)s.")
VISITOR_UNTRAINED = _("Training not passed: %(modules)s.")
LESSONS_FIRST = _("Read every lesson first.")
PREREQUISITES_FIRST = _("Pass these modules first: %(modules)s.")
NO_ATTEMPTS_LEFT = _("No attempts left for this module.")
COOLING_DOWN = _("The next attempt opens at %(time)s.")
ALREADY_PASSED = _("You hold a valid certificate for this module.")
NO_QUESTIONS = _("This module has no quiz questions yet.")
ALREADY_SUBMITTED = _("This attempt was already handed in.")


def pass_mark_for(module: TrainingModulePage, *, rules=None) -> Decimal:
    if module.pass_mark is not None:
        return module.pass_mark
    return (rules or current_rules()).training.pass_mark


def questions_draw(module: TrainingModulePage, *, rng=None) -> list[dict]:
    """The questions of one attempt: N drawn from the pool, choices shuffled."""
    rng = rng or random.SystemRandom()
    pool = list(module.questions)
    count = module.questions_per_attempt or len(pool)
    drawn = rng.sample(pool, min(count, len(pool)))
    result = []
    for block in drawn:
        choices = list(range(len(block.value["choices"])))
        if block.value["kind"] == QuestionKind.TRUE_FALSE:
            choices = [1, 0]  # true, false: a fixed order reads best
        else:
            rng.shuffle(choices)
        result.append({"id": block.id, "order": choices})
    return result


def correct_set(question) -> set[int]:
    if question["kind"] == QuestionKind.TRUE_FALSE:
        return {1 if question["statement_is_true"] else 0}
    return {i for i, choice in enumerate(question["choices"]) if choice["correct"]}


def answer_correct(question, chosen) -> bool:
    """Right only when exactly the correct choices are chosen (partial = wrong)."""
    return set(chosen) == correct_set(question)


def attempt_grade(*, questions: dict, drawn: list[dict], answers: dict) -> tuple:
    """(score 0-100, {question id: right?}) of ``answers`` (id → choice indexes).

    A question removed from the pool since the draw counts as right: the
    trainee cannot answer what is no longer there.
    """
    results = {}
    for item in drawn:
        question = questions.get(item["id"])
        chosen = [int(c) for c in answers.get(item["id"], []) if str(c).isdigit()]
        results[item["id"]] = question is None or answer_correct(question, chosen)
    if not results:
        return HUNDRED, results
    score = HUNDRED * sum(results.values()) / len(results)
    return score.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP), results


def certificate_expiry(module: TrainingModulePage, issued: date) -> date | None:
    if not module.validity_months:
        return None
    month = issued.month - 1 + module.validity_months
    year, month = issued.year + month // 12, month % 12 + 1
    for day in (issued.day, 30, 29, 28):
        try:
            return issued.replace(year=year, month=month, day=day)
        except ValueError:
            continue
    return issued + timedelta(days=30 * module.validity_months)


def required_modules_for(position: str):
    """Live modules required for duty in ``position`` (none listed: every one)."""
    return (
        TrainingModulePage.objects.live()
        .filter(required_for_duty=True)
        .filter(
            Q(audience_positions__isnull=True)
            | Q(audience_positions__position=position)
        )
        .distinct()
        .defer("lessons", "questions")
        .order_by("path")
    )


def valid_certificates(*, today: date | None = None):
    today = today or timezone.localdate()
    return Certificate.objects.filter(
        Q(expires_on__isnull=True) | Q(expires_on__gte=today)
    )


def duty_gate_for(person: StaffMember, *, today: date | None = None) -> list:
    """The modules required for ``person``'s position not passed and valid."""
    required = list(required_modules_for(person.position))
    held = set(
        valid_certificates(today=today)
        .filter(person=person, module__in=required)
        .values_list("module_id", flat=True)
    )
    return [module for module in required if module.pk not in held]


def list_separator() -> str:
    return ", " if english_active() else "、"


def modules_named(modules) -> str:
    return list_separator().join(localized(m.title, m.title_en) for m in modules)


def gate_message(person: StaffMember, missing) -> str:
    return GATE_UNMET % {"name": person.name, "modules": modules_named(missing)}


def visitor_untrained_reason(person: StaffMember, *, today=None) -> str:
    """Why ``person`` may not be approved for site access ("" when trained)."""
    missing = duty_gate_for(person, today=today)
    return VISITOR_UNTRAINED % {"modules": modules_named(missing)} if missing else ""


@dataclass(frozen=True)
class SessionResult:
    count: int
    dimensions: dict  # criterion → mean rating
    score: Decimal | None
    grade: str


def session_result(ratings, *, rules=None) -> SessionResult:
    """Mean rating per criterion, their weighted sum (CMS weights), its grade."""
    ratings = list(ratings)
    if not ratings:
        return SessionResult(0, {}, None, "")
    rules = rules or current_rules()
    means = {
        name: sum(Decimal(getattr(r, name)) for r in ratings) / len(ratings)
        for name in CRITERIA
    }
    score = training_rating(ratings=means, rules=rules).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )
    means = {
        k: v.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP) for k, v in means.items()
    }
    return SessionResult(len(ratings), means, score, _grade(score, rules))


def _grade(score: Decimal, rules) -> str:
    # Bands are whole numbers (86-100, 70-85): a score between two, e.g. 85.5,
    # takes the lower band's grade, as the higher band starts only at 86.
    return training_grade(score=score, rules=rules)
