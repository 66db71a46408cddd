"""Session ratings: the weighted score with the CMS weights, graded by the CMS
bands at their edges; per-session and per-lecturer results; hours counted."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from training import rules, services
from training.models import ClassroomSession, SessionRating
from training.selectors import hours_by_person

pytestmark = pytest.mark.django_db


def rating(**values):
    return SessionRating(**values)


@pytest.mark.parametrize(
    ("score", "grade"),
    [(86, "A"), (85, "B"), (70, "B"), (69, "C"), (50, "C"), (49, "D")],
)
def test_grade_at_the_band_edges(score, grade):
    same = rating(lecturer=score, material=score, environment=score, arrangement=score)
    result = rules.session_result([same])
    assert result.score == Decimal(score) and result.grade == grade


def test_weighted_score_follows_the_cms_weights(publish_training):
    # lecturer 90, the rest 80: 0.5*90 + 0.5*80 = 85 (B) with 50/20/15/15
    rated = [rating(lecturer=90, material=80, environment=80, arrangement=80)]
    result = rules.session_result(rated)
    assert (result.score, result.grade) == (Decimal("85.00"), "B")
    publish_training(
        lecturer_weight=Decimal("60"),
        material_weight=Decimal("20"),
        environment_weight=Decimal("10"),
        arrangement_weight=Decimal("10"),
    )
    result = rules.session_result(rated)  # 0.6*90 + 0.4*80 = 86 (A)
    assert (result.score, result.grade) == (Decimal("86.00"), "A")


def test_weak_lecturer_and_edge_69_70(publish_training):
    rated = [rating(lecturer=60, material=80, environment=80, arrangement=80)]
    # 0.5*60 + 0.5*80 = 70: B; two points lower on the lecturer: 69 → C
    assert rules.session_result(rated).grade == "B"
    rated = [rating(lecturer=58, material=80, environment=80, arrangement=80)]
    assert rules.session_result(rated).score == Decimal("69.00")
    assert rules.session_result(rated).grade == "C"
    assert rules.session_result(rated).dimensions["lecturer"] == Decimal("58.0")


def test_admin_records_a_session_attendees_rate_once_and_hours_count(
    carrier_admin, learner, client_for, manager_a
):
    admin = client_for(carrier_admin)
    assert client_for(manager_a).get(reverse("training:sessions")).status_code == 403
    response = admin.post(
        reverse("training:sessions"),
        {
            "title": "机房安全课",
            "title_en": "Machine-room safety",
            "held_on": datetime.date.today().isoformat(),
            "lecturer": "王老师",
            "hours": "3",
            "attendees": [learner.pk],
        },
    )
    assert response.status_code == 302
    session = ClassroomSession.objects.get()
    assert hours_by_person([learner.pk])[learner.pk] == Decimal("3")
    trainee = client_for(learner.user)
    url = reverse("training:rate", args=[session.pk])
    values = {"lecturer": 90, "material": 80, "environment": 80, "arrangement": 80}
    assert trainee.post(url, values).status_code == 302
    trainee.post(url, {**values, "lecturer": 10})
    assert SessionRating.objects.get().lecturer == 90
    page = admin.get(reverse("training:sessions")).content.decode()
    assert "85.00" in page and "王老师" in page


def test_only_attendees_rate(learner, carrier_admin):
    session = services.session_record(
        user=carrier_admin,
        data={
            "title": "课",
            "held_on": datetime.date(2026, 1, 5),
            "lecturer": "李",
            "hours": Decimal("2"),
        },
        attendees=[],
    )
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.session_rate(
            person=learner,
            session=session,
            values={"lecturer": 1, "material": 1, "environment": 1, "arrangement": 1},
        )
