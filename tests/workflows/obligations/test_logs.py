"""Filing the daily work log: due times from the CMS, late by the second."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from home.models import ObligationRules
from workflows.obligations import services
from workflows.obligations.models import LogEntry, WorkLog
from workflows.obligations.services import EntryInput

from .conftest import china, due_times

pytestmark = pytest.mark.django_db
FRIDAY = datetime.date(2026, 12, 4)


def file(user, code="A", text="巡检基站三座，无异常", day=FRIDAY):
    return services.log_file(
        user=user, day=day, entries=[EntryInput(code=code, text=text)]
    )


def test_a_log_at_18_29_59_is_on_time(at, engineer):
    with at(2026, 12, 4, 18, 29, 59):
        log = file(engineer)
    assert log.late is False
    assert log.due_at == china(2026, 12, 4, 18, 30)


def test_a_log_at_18_30_01_is_late(at, engineer):
    with at(2026, 12, 4, 18, 30, 1):
        log = file(engineer)
    assert log.late is True


def test_the_due_time_changed_in_the_cms_decides_and_is_recorded(
    at, engineer, obligation_rules_set, person_for, make_user
):
    obligation_rules_set(rows={"log_due_times": due_times(engineer="18:00")})
    revision = ObligationRules.objects.get().live_revision_id
    other = make_user("contractor_engineer", username="engineer_a2")
    person_for(other)
    with at(2026, 12, 4, 17, 59, 59):
        early = file(engineer)
    with at(2026, 12, 4, 18, 0, 1):
        late = file(other)
    assert (early.late, late.late) == (False, True)
    assert early.rules == {
        "topic": "obligations",
        "revision_id": revision,
        "due_time": "18:00:00",
    }


def test_a_group_lead_is_due_later(at, engineer_a, person_for):
    person_for(engineer_a, position="group_lead")
    with at(2026, 12, 4, 19, 29, 59):
        assert file(engineer_a).late is False


def test_a_second_filing_adds_entries_and_keeps_the_first_time(at, engineer):
    with at(2026, 12, 4, 18, 0):
        first = file(engineer)
    with at(2026, 12, 4, 20, 0):
        again = file(engineer, code="C", text="处理故障一单")
    assert again.pk == first.pk
    assert again.late is False
    assert LogEntry.objects.filter(log=first).count() == 2


def test_a_log_on_a_holiday_is_not_due(at, engineer):
    with at(2026, 10, 1, 22, 0):
        log = file(engineer, day=datetime.date(2026, 10, 1))
    assert (log.due_at, log.late) == (None, False)


def test_refuses_a_class_the_cms_lacks(at, engineer):
    with at(2026, 12, 4, 12, 0), pytest.raises(ValidationError) as error:
        file(engineer, code="Z")
    assert "“Z”" in str(error.value)
    assert not WorkLog.objects.exists()


def test_refuses_a_later_day_and_a_user_without_a_staff_record(at, engineer, manager_a):
    with at(2026, 12, 4, 12, 0):
        with pytest.raises(ValidationError, match="later day"):
            file(engineer, day=datetime.date(2026, 12, 5))
        with pytest.raises(ValidationError, match="on duty"):
            file(manager_a)
    assert not WorkLog.objects.exists()


def test_filing_through_the_page(at, engineer, client_for):
    client = client_for(engineer)
    data = {
        "day": "2026-12-04",
        "entry-TOTAL_FORMS": "3",
        "entry-INITIAL_FORMS": "0",
        "entry-0-code": "B",
        "entry-0-text": "天河机房月度巡检",
        "entry-1-code": "A",
        "entry-1-text": "",
        "entry-2-code": "A",
        "entry-2-text": "",
    }
    with at(2026, 12, 4, 18, 30, 1):
        response = client.post(reverse("workflows:obligations:logs"), data)
    assert response.status_code == 302
    log = WorkLog.objects.get()
    assert log.late is True
    assert list(log.entries.values_list("code", "text")) == [("B", "天河机房月度巡检")]


def test_a_bad_page_filing_keeps_what_was_typed(at, engineer, client_for):
    client = client_for(engineer)
    data = {
        "day": "2026-12-09",
        "entry-TOTAL_FORMS": "1",
        "entry-INITIAL_FORMS": "0",
        "entry-0-code": "B",
        "entry-0-text": "写了一半的日志",
    }
    with at(2026, 12, 4, 12, 0):
        response = client.post(reverse("workflows:obligations:logs"), data)
    assert response.status_code == 200
    assert "写了一半的日志" in response.content.decode()
    assert "not for a later day" in response.content.decode()
    assert not WorkLog.objects.exists()
