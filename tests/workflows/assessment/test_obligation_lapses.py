"""Late and missing work logs and reports become the month's deductions, one
line each: a person's missing logs of several days are several lines."""

import datetime

import pytest

from home.models import ObligationRules
from workflows.assessment.collectors import obligation_lapses
from workflows.assessment.rules import month_bounds
from workflows.obligations.models import WorkLog
from workflows.obligations.selectors import lapses_for

from ...factories import StaffMemberFactory, UserFactory
from ..obligations.conftest import china
from .conftest import NOVEMBER

pytestmark = pytest.mark.django_db


@pytest.fixture
def engineer(company_a):
    return StaffMemberFactory(
        company=company_a, user=UserFactory(), joined_on=datetime.date(2026, 11, 23)
    )


def filed(person, day, *, late):
    WorkLog.objects.create(
        company=person.company,
        person=person,
        author=person.user,
        day=day,
        position=person.position,
        due_at=china(day.year, day.month, day.day, 18, 30),
        filed_at=china(day.year, day.month, day.day, 19 if late else 18, 0),
        late=late,
    )


@pytest.fixture
def obligations_since_october():
    """The carrier published the obligation rules on 1 October 2026."""
    ObligationRules.objects.update(first_published_at=china(2026, 10, 1, 9, 0))


def test_each_lapse_is_one_line_linked_to_its_log_or_person(
    clock, obligations_since_october, engineer, company_a, draft
):
    filed(engineer, datetime.date(2026, 11, 23), late=True)
    filed(engineer, datetime.date(2026, 11, 24), late=False)
    lapses = lapses_for(
        company=company_a,
        start=datetime.date(2026, 11, 1),
        end=datetime.date(2026, 11, 30),
    )
    missing = [lapse for lapse in lapses if lapse.kind == "missing_log"]
    assert len(missing) > 1

    rows = list(obligation_lapses(company_a, *month_bounds(NOVEMBER)))
    assert len(rows) == len(lapses)
    assessment = draft(company_a)
    lines = assessment.lines.filter(collector="obligations.lapses")
    late = lines.get(event="late_log")
    assert late.source == WorkLog.objects.get(late=True)
    missed = lines.filter(event="missing_log")
    assert missed.count() == len(missing)
    assert {line.source for line in missed} == {engineer}
    assert missed.first().detail["person"] == engineer.name
    assert lines.count() == len(lapses)


def test_nothing_is_owed_before_the_obligation_rules_were_published(
    clock, engineer, company_a
):
    ObligationRules.objects.update(first_published_at=china(2026, 11, 25, 0, 0))
    rows = list(obligation_lapses(company_a, *month_bounds(NOVEMBER)))
    assert rows and all(row.occurred_at >= china(2026, 11, 25) for row in rows)
    ObligationRules.objects.update(first_published_at=china(2026, 12, 1, 0, 0))
    assert list(obligation_lapses(company_a, *month_bounds(NOVEMBER))) == []
