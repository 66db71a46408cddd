"""Quiz grading, pool drawing and the pass mark: decided on the server."""

import random
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from training import rules, services
from training.models import Certificate

from .conftest import QUESTIONS, RIGHT, read_all, right_answers

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("chosen", "right"),
    [([0, 1], True), ([1, 0], True), ([0], False), ([1], False), ([0, 1, 2], False)],
)
def test_multiple_choice_is_right_only_with_exactly_the_right_set(chosen, right):
    assert rules.answer_correct(QUESTIONS[1], chosen) is right


def test_true_false_and_single_choice():
    assert rules.answer_correct(QUESTIONS[2], [1])
    assert not rules.answer_correct(QUESTIONS[2], [0])
    assert rules.answer_correct(QUESTIONS[0], [1])
    assert not rules.answer_correct(QUESTIONS[0], [1, 0])
    assert not rules.answer_correct(QUESTIONS[0], [])


def test_score_counts_a_partial_multiple_choice_as_wrong():
    questions = {str(i): q for i, q in enumerate(QUESTIONS)}
    drawn = [{"id": str(i), "order": [0, 1, 2]} for i in range(4)]
    answers = {"0": [1], "1": [0], "2": [1], "3": [0]}  # question 1 half right
    score, results = rules.attempt_grade(
        questions=questions, drawn=drawn, answers=answers
    )
    assert score == Decimal("75.00")
    assert results == {"0": True, "1": False, "2": True, "3": True}


def test_pool_draws_n_distinct_questions_and_shuffles_choices(make_module):
    module = make_module(questions_per_attempt=2)
    pool = {block.id for block in module.questions}
    seen = set()
    for seed in range(30):
        drawn = rules.questions_draw(module, rng=random.Random(seed))
        ids = [item["id"] for item in drawn]
        assert len(ids) == 2 and len(set(ids)) == 2 and set(ids) <= pool
        seen.update(ids)
        for item in drawn:
            size = len(module.question_map()[item["id"]]["choices"]) or 2
            assert sorted(item["order"]) == list(range(size))
    assert seen == pool  # every question gets drawn sooner or later
    orders = {
        tuple(rules.questions_draw(module, rng=random.Random(s))[0]["order"])
        for s in range(30)
    }
    assert len(orders) > 1


def test_module_pass_mark_overrides_the_cms_rule(make_module, publish_training):
    module = make_module()
    assert rules.pass_mark_for(module) == Decimal("80")
    publish_training(pass_mark=Decimal("60"))
    assert rules.pass_mark_for(module) == Decimal("60")
    module.pass_mark = Decimal("90")
    assert rules.pass_mark_for(module) == Decimal("90")


def test_failing_then_passing_issues_one_certificate(module, learner):
    read_all(learner, module)
    first = services.attempt_open(person=learner, module=module)
    wrong = {item["id"]: [] for item in first.drawn}
    failed = services.attempt_submit(person=learner, attempt_id=first.pk, answers=wrong)
    assert failed.passed is False and failed.score == 0
    second = services.attempt_open(person=learner, module=module)
    assert second.number == 2
    done = services.attempt_submit(
        person=learner, attempt_id=second.pk, answers=right_answers(module, second)
    )
    assert done.passed and done.score == 100
    certificate = Certificate.objects.get(person=learner)
    assert certificate.number.startswith(f"TR-{certificate.issued_on.year}-")
    assert certificate.expires_on.year == certificate.issued_on.year + 1
    learner.refresh_from_db()
    assert learner.status == "on_duty"


def test_a_submitted_attempt_cannot_be_replayed(module, learner):
    read_all(learner, module)
    attempt = services.attempt_open(person=learner, module=module)
    services.attempt_submit(person=learner, attempt_id=attempt.pk, answers={})
    with pytest.raises(ValidationError) as refused:
        services.attempt_submit(
            person=learner,
            attempt_id=attempt.pk,
            answers=right_answers(module, attempt),
        )
    assert refused.value.messages == [str(rules.ALREADY_SUBMITTED)]
    assert not Certificate.objects.exists()


def test_quiz_waits_for_every_lesson_and_the_cool_down(make_module, learner):
    module = make_module(cooldown_minutes=30)
    with pytest.raises(ValidationError) as refused:
        services.attempt_open(person=learner, module=module)
    assert refused.value.messages == [str(rules.LESSONS_FIRST)]
    read_all(learner, module)
    attempt = services.attempt_open(person=learner, module=module)
    services.attempt_submit(person=learner, attempt_id=attempt.pk, answers={})
    with pytest.raises(ValidationError) as refused:
        services.attempt_open(person=learner, module=module)
    assert (
        "opens at" in refused.value.messages[0] or "开放" in refused.value.messages[0]
    )


def test_attempts_stop_at_the_maximum(make_module, learner):
    module = make_module(max_attempts=2)
    read_all(learner, module)
    for _ in range(2):
        attempt = services.attempt_open(person=learner, module=module)
        services.attempt_submit(person=learner, attempt_id=attempt.pk, answers={})
    with pytest.raises(ValidationError) as refused:
        services.attempt_open(person=learner, module=module)
    assert refused.value.messages == [str(rules.NO_ATTEMPTS_LEFT)]


def test_rights_fixture_matches_the_pool():
    for question, right in zip(QUESTIONS, RIGHT, strict=True):
        assert rules.correct_set(question) == set(right)


def test_a_certificate_number_taken_at_the_same_moment_is_skipped(
    module, make_module, learner, monkeypatch
):
    """Another pass committed the number this one read: it takes the next one."""

    def passed(module):
        read_all(learner, module)
        attempt = services.attempt_open(person=learner, module=module)
        attempt.score, attempt.passed = 100, True
        return attempt

    first = services.certificate_issue(attempt=passed(module), module=module)
    other = make_module()
    attempt = passed(other)
    real = services._certificate_number
    stale = iter([first.number])  # read before the first pass committed
    monkeypatch.setattr(
        services, "_certificate_number", lambda today: next(stale, None) or real(today)
    )
    second = services.certificate_issue(attempt=attempt, module=other)
    prefix = first.number[: -len("00001")]
    assert (first.number, second.number) == (f"{prefix}00001", f"{prefix}00002")
