"""Training pages of the portal: my training, lessons, quiz, certificates."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from home.text import localized
from registry.roles import is_carrier
from registry.selectors import company_of

from . import rules, services
from .access import may_learn, may_oversee, person_of
from .models import Attempt, Certificate, TrainingModulePage
from .quiz import AttemptForm, choice_labels, question_text
from .selectors import (
    hours_by_person,
    lessons_read_ids,
    sessions_to_rate,
    standings_for,
    yearly_hours_required,
)

NO_RECORD = _("Your account has no staff record, so there is no training to show.")
PASSED = _("Passed with %(score)s. Your certificate is %(number)s.")
FAILED = _("Not passed: %(score)s (pass mark %(mark)s).")


def _learner(request):
    person = person_of(request.user)
    if person is None or not may_learn(request.user):
        raise PermissionDenied
    return person


def _module(pk) -> TrainingModulePage:
    return get_object_or_404(TrainingModulePage.objects.live(), pk=pk)


@login_required
def my_training(request):
    person = person_of(request.user)
    context = {
        "person": person,
        "no_record": NO_RECORD,
        "list_separator": rules.list_separator(),
    }
    if person is not None and may_learn(request.user):
        standings = standings_for(person, request.user)
        context.update(
            standings=standings,
            required=[s for s in standings if s.module.required_for_duty],
            optional=[s for s in standings if not s.module.required_for_duty],
            hours=hours_by_person([person.pk]).get(person.pk, 0),
            yearly_hours=yearly_hours_required(),
            certificates=person.training_certificates.select_related("module"),
            to_rate=sessions_to_rate(person),
            missing=rules.duty_gate_for(person),
        )
    return render(request, "training/my_training.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def lesson(request, pk: int, number: int):
    person = _learner(request)
    module = _module(pk)
    block = module.lesson(number)
    if block is None:
        raise Http404
    if request.method == "POST":
        services.lesson_mark_read(person=person, module=module, lesson_id=block.id)
        if module.lesson(number + 1):
            return redirect("training:lesson", pk=pk, number=number + 1)
        return redirect(module.url)
    value = block.value
    return render(
        request,
        "training/lesson.html",
        {
            "module": module,
            "number": number,
            "count": len(module.lessons),
            "title": localized(value["title"], value["title_en"]),
            "body": localized(value["body"], value["body_en"]),
            "read": block.id in lessons_read_ids(person=person, module=module),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def quiz(request, pk: int):
    person = _learner(request)
    module = _module(pk)
    if request.method == "POST":
        try:
            attempt = services.attempt_open(person=person, module=module)
        except ValidationError as refused:
            messages.error(request, refused.messages[0])
            return redirect("training:quiz", pk=pk)
        return redirect("training:attempt", pk=attempt.pk)
    progress = services.Progress.objects.filter(person=person, module=module).first()
    open_attempt = None
    refusal = ""
    if progress:
        open_attempt = progress.attempts.filter(
            cycle=progress.cycle, submitted_at__isnull=True
        ).first()
    if open_attempt is None:
        refusal = services.attempt_refusal(
            person=person,
            module=module,
            progress=progress or services.Progress(person=person, module=module),
        )
    attempts = progress.attempts.filter(cycle=progress.cycle) if progress else []
    return render(
        request,
        "training/quiz.html",
        {
            "module": module,
            "refusal": refusal,
            "open_attempt": open_attempt,
            "attempts": attempts,
            "pass_mark": rules.pass_mark_for(module),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def attempt(request, pk: int):
    person = _learner(request)
    attempt = get_object_or_404(
        Attempt.objects.select_related("progress"), pk=pk, progress__person=person
    )
    module = _module(attempt.progress.module_id)
    questions = module.question_map()
    if attempt.submitted_at is not None:
        return _result(request, attempt, module, questions)
    form = AttemptForm(
        request.POST if request.method == "POST" else None,
        attempt=attempt,
        questions=questions,
    )
    if request.method == "POST" and form.is_valid():
        try:
            done = services.attempt_submit(
                person=person, attempt_id=attempt.pk, answers=form.answers()
            )
        except ValidationError as refused:
            messages.error(request, refused.messages[0])
            return redirect("training:attempt", pk=pk)
        _say_result(request, done)
        return redirect("training:attempt", pk=pk)
    return render(
        request,
        "training/attempt.html",
        {"module": module, "attempt": attempt, "form": form},
    )


def _say_result(request, attempt):
    if attempt.passed:
        number = attempt.certificate.number
        messages.success(request, PASSED % {"score": attempt.score, "number": number})
    else:
        mark = attempt.pass_mark
        messages.error(request, FAILED % {"score": attempt.score, "mark": mark})


def _result(request, attempt, module, questions):
    rows = []
    for item in attempt.drawn:
        question = questions.get(item["id"])
        if question is None:
            continue
        labels = dict(choice_labels(question, item["order"]))
        chosen = {str(c) for c in attempt.answers.get(item["id"], [])}
        right = {str(c) for c in rules.correct_set(question)}
        rows.append(
            {
                "text": question_text(question),
                "right": attempt.results.get(item["id"]),
                "choices": [
                    (label, key in chosen, key in right)
                    for key, label in labels.items()
                ],
                "explanation": localized(
                    question["explanation"], question["explanation_en"]
                ),
            }
        )
    return render(
        request,
        "training/attempt_result.html",
        {"module": module, "attempt": attempt, "rows": rows},
    )


@login_required
def certificate(request, number: str):
    certificate = get_object_or_404(
        Certificate.objects.select_related("person__company", "module"), number=number
    )
    if not _may_see(request.user, certificate.person):
        raise Http404
    return render(request, "training/certificate.html", {"certificate": certificate})


def _may_see(user, person) -> bool:
    if is_carrier(user):
        return True
    own = person_of(user)
    if own is not None and own.pk == person.pk:
        return True
    company = company_of(user)
    return may_oversee(user) and company is not None and company.pk == person.company_id
