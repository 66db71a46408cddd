"""Leave length, the carrier threshold and the checks of a filing."""

import datetime
from dataclasses import replace

import pytest
from django.core.exceptions import ValidationError

from home.rules import current_rules
from registry.models import StaffMember
from workflows.leave import rules, services
from workflows.leave.models import END_BEFORE_START
from workflows.leave.services import LeaveInput, leave_validate
from workflows.notes import notes_render

from ...factories import StaffMemberFactory

MONDAY = datetime.date(2025, 6, 9)


def day(offset: int) -> datetime.date:
    return MONDAY + datetime.timedelta(days=offset)


@pytest.mark.parametrize(
    ("start", "end", "days"), [(0, 0, 1), (0, 4, 5), (4, 7, 4), (0, 13, 14)]
)
def test_leave_counts_calendar_days_both_ends_included(start, end, days):
    assert rules.leave_days(start=day(start), end=day(end)) == days


@pytest.mark.django_db
@pytest.mark.parametrize(("end", "carrier"), [(2, False), (3, True)])
def test_carrier_approves_only_leave_longer_than_the_threshold(end, carrier):
    check = rules.length_check(
        start=day(0), end=day(end), manager=False, rules=current_rules()
    )
    assert check.limit == 3 and check.needs_carrier is carrier
    record = check.as_record()
    assert record["revision_id"] == current_rules().staff_change.revision_id
    assert record["days"] == end + 1 and record["needs_carrier"] is carrier


@pytest.mark.django_db
def test_the_record_holds_every_value_the_route_read():
    now = current_rules()
    check = rules.length_check(start=day(4), end=day(7), manager=False, rules=now)
    assert check.as_record() == {
        "topic": "staff_change",
        "revision_id": now.staff_change.revision_id,
        "leave_carrier_after_days": 3,
        "days": 4,
        "working_days": 2,
        "manager": False,
        "needs_carrier": True,
    }


@pytest.mark.django_db
def test_the_route_reads_the_snapshot_it_is_given():
    now = current_rules()
    given = replace(
        now, staff_change=replace(now.staff_change, leave_carrier_after_days=10)
    )
    check = rules.length_check(start=day(0), end=day(4), manager=False, rules=given)
    assert (check.limit, check.needs_carrier) == (10, False)


@pytest.mark.django_db
def test_weekend_counts_but_working_days_are_noted():
    check = rules.length_check(
        start=day(4), end=day(7), manager=False, rules=current_rules()
    )
    assert (check.days, check.working_days) == (4, 2)
    assert check.needs_carrier
    values = {"days": 4, "working": 2, "limit": 3}
    assert notes_render(check.notes) == str(rules.LENGTH_NOTE.message % values)


@pytest.mark.django_db
def test_managers_own_leave_always_goes_to_the_carrier():
    check = rules.length_check(
        start=day(0), end=day(0), manager=True, rules=current_rules()
    )
    assert check.needs_carrier and check.as_record()["manager"] is True


def messages_of(error) -> list[str]:
    return [str(m) for m in error.value.messages]


@pytest.mark.django_db
def test_end_before_start_is_refused(engineer_a, person_a):
    data = LeaveInput(start_date=day(3), end_date=day(2), reason="x")
    with pytest.raises(ValidationError) as error:
        leave_validate(user=engineer_a, data=data)
    assert messages_of(error) == [str(END_BEFORE_START)]


@pytest.mark.django_db
def test_overlap_with_standing_leave_is_refused_but_not_with_rejected(
    engineer_a, person_a, file_leave
):
    first = file_leave(days=3, in_days=10)
    data = LeaveInput(
        start_date=first.end_date, end_date=first.end_date, reason="再请一天"
    )
    with pytest.raises(ValidationError) as error:
        leave_validate(user=engineer_a, data=data)
    expected = services.OVERLAPS % {"start": first.start_date, "end": first.end_date}
    assert messages_of(error) == [expected]
    type(first).objects.filter(pk=first.pk).update(outcome="rejected", status="DONE")
    assert leave_validate(user=engineer_a, data=data) == person_a


@pytest.mark.django_db
def test_engineer_files_only_for_themselves(engineer_a, person_a, company_a):
    colleague = StaffMemberFactory(company=company_a)
    data = LeaveInput(person=colleague, start_date=day(0), end_date=day(0), reason="x")
    with pytest.raises(ValidationError) as error:
        leave_validate(user=engineer_a, data=data)
    assert messages_of(error) == [str(services.ONLY_YOURSELF)]


@pytest.mark.django_db
def test_manager_files_for_own_company_only(manager_a, company_a, company_b):
    own = StaffMemberFactory(company=company_a)
    data = LeaveInput(person=own, start_date=day(0), end_date=day(1), reason="x")
    assert leave_validate(user=manager_a, data=data) == own
    data.person = StaffMemberFactory(company=company_b)
    with pytest.raises(ValidationError) as error:
        leave_validate(user=manager_a, data=data)
    assert messages_of(error) == [str(services.NOT_YOUR_STAFF)]


@pytest.mark.django_db
def test_person_who_left_gets_no_leave(manager_a, company_a):
    gone = StaffMemberFactory(company=company_a, status=StaffMember.Status.LEFT)
    data = LeaveInput(person=gone, start_date=day(0), end_date=day(0), reason="x")
    with pytest.raises(ValidationError) as error:
        leave_validate(user=manager_a, data=data)
    assert messages_of(error) == [str(services.PERSON_LEFT)]


@pytest.mark.django_db
def test_trainee_may_not_file_and_account_without_record_is_told(trainee_a, make_user):
    data = LeaveInput(start_date=day(0), end_date=day(0), reason="x")
    with pytest.raises(ValidationError) as error:
        leave_validate(user=trainee_a, data=data)
    assert messages_of(error) == [str(services.NOT_ALLOWED)]
    with pytest.raises(ValidationError) as error:
        leave_validate(user=make_user("contractor_engineer"), data=data)
    assert messages_of(error) == [str(services.NO_STAFF_RECORD)]
