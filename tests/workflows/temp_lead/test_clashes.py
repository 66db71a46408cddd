"""A stand-in's days and their leave never overlap, whichever is filed first.

Both checks run again under the lock on the person's row that both filings
take, so a filing that lands between another's check and its write is seen.
"""

import datetime

import pytest
from django.core.exceptions import ValidationError

from registry.calendar import local_today
from workflows.leave import services as leave_services
from workflows.leave.models import Leave
from workflows.leave.services import LeaveInput, leave_submit
from workflows.temp_lead import services
from workflows.temp_lead.models import TempLead

from ..races import race

pytestmark = pytest.mark.django_db


@pytest.fixture
def leave_for(manager_a):
    """File ``person``'s leave as their manager, ``days`` from ``in_days`` on."""

    def do(person, days=2, in_days=5):
        start = local_today() + datetime.timedelta(days=in_days)
        data = LeaveInput(
            person=person,
            start_date=start,
            end_date=start + datetime.timedelta(days=days - 1),
            reason="年假",
        )
        return leave_submit(user=manager_a, data=data)

    return do


def dates_of(row) -> dict:
    return {"start": row.start_date, "end": row.end_date}


def test_leave_for_someone_named_stand_in_is_refused(report, stand_in, leave_for):
    term = report(days=3, in_days=5)

    with pytest.raises(ValidationError) as refused:
        leave_for(stand_in, days=2, in_days=7)

    assert refused.value.messages == [leave_services.STANDS_IN % dates_of(term)]
    assert not Leave.objects.exists()
    assert leave_for(stand_in, days=1, in_days=8).pk


def test_a_leave_filed_after_the_reports_check_is_seen_under_the_lock(
    monkeypatch, report, stand_in, leave_for
):
    checked = services.temp_lead_validate

    def check_then_leave_is_filed(**kwargs):
        company = checked(**kwargs)
        leave_for(stand_in, days=2, in_days=5)
        return company

    monkeypatch.setattr(services, "temp_lead_validate", check_then_leave_is_filed)

    with pytest.raises(ValidationError) as refused:
        report(days=3, in_days=5)

    away = Leave.objects.get()
    assert refused.value.messages == [services.STAND_IN_ON_LEAVE % dates_of(away)]
    assert not TempLead.objects.exists()


def test_a_stand_in_named_after_the_leaves_check_is_seen_under_the_lock(
    monkeypatch, report, stand_in, leave_for
):
    checked = leave_services.leave_validate

    def check_then_stand_in_is_named(**kwargs):
        person = checked(**kwargs)
        report(days=3, in_days=5)
        return person

    monkeypatch.setattr(leave_services, "leave_validate", check_then_stand_in_is_named)

    with pytest.raises(ValidationError) as refused:
        leave_for(stand_in, days=1, in_days=6)

    term = TempLead.objects.get()
    assert refused.value.messages == [leave_services.STANDS_IN % dates_of(term)]
    assert not Leave.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_concurrent_leave_and_stand_in_filings_for_one_person_accept_one(
    rules_after_flush, report, stand_in, leave_for
):
    def work(i):
        try:
            filing = leave_for(stand_in, 3, 5) if i % 2 else report(3, 5)
        except ValidationError:
            return None
        return filing.pk

    accepted = [pk for pk in race(work, 10) if pk is not None]

    assert len(accepted) == 1
    assert Leave.objects.count() + TempLead.objects.count() == 1
