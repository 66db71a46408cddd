"""The learner's pages: lessons marked read, the quiz without its answers,
replayed and concurrent posts, certificates and the oversight's scope."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from registry.models import StaffMember
from training.models import Attempt, Certificate
from training.services import attempt_open, certificate_issue

from ..factories import StaffMemberFactory
from ..workflows.races import race
from .conftest import QUESTIONS, read_all, right_answers

pytestmark = pytest.mark.django_db


def form_answers(answers: dict) -> dict:
    return {f"q_{qid}": [str(c) for c in chosen] for qid, chosen in answers.items()}


def test_reading_each_lesson_opens_the_quiz(module, learner, client_for):
    client = client_for(learner.user)
    page = client.get(module.url)
    assert reverse("training:quiz", args=[module.pk]) not in page.content.decode()
    for number in (1, 2):
        url = reverse("training:lesson", args=[module.pk, number])
        assert client.get(url).status_code == 200
        client.post(url)
    page = client.get(module.url)
    assert reverse("training:quiz", args=[module.pk]) in page.content.decode()
    quiz = client.get(reverse("training:quiz", args=[module.pk]))
    assert quiz.status_code == 200 and b'method="post"' in quiz.content


def test_answers_are_not_in_the_page_before_submission(module, learner, client_for):
    read_all(learner, module)
    client = client_for(learner.user)
    response = client.post(reverse("training:quiz", args=[module.pk]))
    attempt = Attempt.objects.get()
    assert response["Location"] == reverse("training:attempt", args=[attempt.pk])
    html = client.get(response["Location"]).content.decode()
    assert "Silence the alarms" in html or "关掉告警" in html  # choices are shown
    for question in QUESTIONS:
        for secret in (question["explanation"], question["explanation_en"]):
            assert not secret or secret not in html
    assert "correct" not in html.lower().replace("correct_", "")
    assert "statement_is_true" not in html


def test_a_replayed_submission_is_graded_once(module, learner, client_for):
    read_all(learner, module)
    client = client_for(learner.user)
    attempt = attempt_open(person=learner, module=module)
    url = reverse("training:attempt", args=[attempt.pk])
    wrong = form_answers({item["id"]: [] for item in attempt.drawn})
    right = form_answers(right_answers(module, attempt))
    assert client.post(url, wrong).status_code == 302
    client.post(url, right)  # the replay, now with the right answers
    attempt.refresh_from_db()
    assert attempt.passed is False and not Certificate.objects.exists()


def test_another_persons_attempt_is_not_found(module, learner, client_for, make_user):
    read_all(learner, module)
    attempt = attempt_open(person=learner, module=module)
    other = make_user("trainee", username="other")
    StaffMemberFactory(company=learner.company, employee_no="A-200", user=other)
    url = reverse("training:attempt", args=[attempt.pk])
    assert client_for(other).get(url).status_code == 404


def test_certificate_is_printable_and_private(module, learner, client_for, manager_b):
    read_all(learner, module)
    attempt = attempt_open(person=learner, module=module)
    attempt.score, attempt.passed = 100, True
    certificate = certificate_issue(attempt=attempt, module=module)
    url = reverse("training:certificate", args=[certificate.number])
    page = client_for(learner.user).get(url)
    assert certificate.number in page.content.decode()
    assert "training/certificate.css" in page.content.decode()
    assert client_for(manager_b).get(url).status_code == 404


@pytest.mark.django_db(transaction=True)
def test_concurrent_attempts_never_pass_the_maximum(
    flushed_rules, make_module, learner, client_for
):
    module = make_module(max_attempts=3)
    read_all(learner, module)
    clients = [client_for(learner.user) for _ in range(12)]
    quiz = reverse("training:quiz", args=[module.pk])

    def work(i):
        location = clients[i].post(quiz)["Location"]
        if "/attempts/" in location:
            clients[i].post(location, {})
        return location

    race(work, count=12)
    attempts = Attempt.objects.filter(progress__person=learner)
    numbers = sorted(attempts.values_list("number", flat=True))
    assert 1 <= len(numbers) <= 3 and numbers == list(range(1, len(numbers) + 1))
    assert attempts.filter(submitted_at__isnull=False).count() == attempts.count()


def test_oversight_shows_only_the_managers_company(
    module, learner, client_for, manager_a, manager_b, staff_b
):
    page_a = client_for(manager_a).get(reverse("training:oversight")).content.decode()
    page_b = client_for(manager_b).get(reverse("training:oversight")).content.decode()
    assert learner.name in page_a
    assert learner.name not in page_b
    assert staff_b[0].name in page_b and staff_b[0].name not in page_a


def test_oversight_reads_in_a_fixed_number_of_queries(
    module, learner, client_for, carrier_admin, company_a, contract_a
):
    client = client_for(carrier_admin)
    url = reverse("training:oversight")
    client.get(url)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    few = count()
    for i in range(15):
        StaffMemberFactory(
            company=company_a,
            contract=contract_a,
            employee_no=f"X-{i}",
            status=StaffMember.Status.TRAINEE,
        )
    assert count() == few


def test_the_database_refuses_an_attempt_over_the_maximum(module, learner):
    from django.db import IntegrityError, transaction

    read_all(learner, module)
    attempt = attempt_open(person=learner, module=module)
    fields = {"progress": attempt.progress, "cycle": 0, "pass_mark": 80}
    with pytest.raises(IntegrityError), transaction.atomic():
        Attempt.objects.create(number=4, max_attempts=3, **fields)
    with pytest.raises(IntegrityError), transaction.atomic():
        Attempt.objects.create(number=1, max_attempts=3, **fields)  # a replay
