"""The plain decisions of a site visit: window, times, who may go in."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from registry.models import StaffMember
from workflows.site_access import rules

NOW = datetime.datetime(2026, 6, 10, 1, 0, tzinfo=datetime.UTC)
HOUR = datetime.timedelta(hours=1)


def errors(call, **kwargs):
    with pytest.raises(ValidationError) as caught:
        call(**kwargs)
    return (
        caught.value.message_dict
        if hasattr(caught.value, "error_dict")
        else {"__all__": caught.value.messages}
    )


def test_a_window_ahead_is_accepted():
    rules.window_validate(start=NOW + HOUR, end=NOW + 2 * HOUR, now=NOW)


def test_a_window_starting_now_is_accepted():
    rules.window_validate(start=NOW, end=NOW + HOUR, now=NOW)


def test_a_window_in_the_past_is_refused_on_its_start():
    got = errors(rules.window_validate, start=NOW - HOUR, end=NOW + HOUR, now=NOW)
    assert got == {"window_start": [str(rules.WINDOW_PAST)]}


@pytest.mark.parametrize("length", [0, -1])
def test_an_inverted_or_empty_window_is_refused_on_its_end(length):
    got = errors(
        rules.window_validate,
        start=NOW + HOUR,
        end=NOW + HOUR + length * HOUR,
        now=NOW,
    )
    assert got == {"window_end": [str(rules.WINDOW_INVERTED)]}


def test_check_out_before_check_in_is_refused():
    got = errors(
        rules.times_validate,
        checked_in=NOW - HOUR,
        checked_out=NOW - 2 * HOUR,
        name="张伟",
        now=NOW,
    )
    assert got == {"__all__": [str(rules.OUT_BEFORE_IN)]}


def test_check_out_without_check_in_names_the_visitor():
    got = errors(
        rules.times_validate, checked_in=None, checked_out=NOW, name="张伟", now=NOW
    )
    assert "张伟" in got["__all__"][0]


def test_times_in_the_future_are_refused():
    got = errors(
        rules.times_validate,
        checked_in=NOW + HOUR,
        checked_out=None,
        name="x",
        now=NOW,
    )
    assert got == {"__all__": [str(rules.OUT_IN_FUTURE)]}


def test_check_out_at_check_in_time_is_accepted():
    rules.times_validate(checked_in=NOW, checked_out=NOW, name="x", now=NOW)


def person(status=StaffMember.Status.ON_DUTY, name="张伟", company_id=1):
    return StaffMember(name=name, status=status, company_id=company_id)


def test_a_person_on_duty_is_free():
    assert rules.visitor_block_reasons(person(), on_leave=False) == []


@pytest.mark.parametrize(
    ("status", "message"),
    [
        (StaffMember.Status.LEFT, rules.VISITOR_LEFT),
        (StaffMember.Status.TRAINEE, rules.VISITOR_TRAINEE),
        (StaffMember.Status.ON_LEAVE, rules.VISITOR_ON_LEAVE),
    ],
)
def test_a_person_not_on_duty_is_blocked_by_name(status, message):
    reasons = rules.visitor_block_reasons(person(status), on_leave=False)
    assert reasons == [message % {"name": "张伟"}]


def test_approved_leave_during_the_window_blocks():
    reasons = rules.visitor_block_reasons(person(), on_leave=True)
    assert reasons == [rules.VISITOR_ON_LEAVE % {"name": "张伟"}]


def test_a_further_gate_adds_its_reason():
    def not_trained(p):
        return f"{p.name} has not been trained."

    reasons = rules.visitor_block_reasons(
        person(), on_leave=False, gates=[not_trained, lambda p: None]
    )
    assert reasons == ["张伟 has not been trained."]


def test_a_person_of_another_company_is_refused_by_name():
    got = errors(
        rules.company_validate,
        people=[person(company_id=2, name="王芳")],
        company_id=1,
        field="staff",
    )
    assert got == {"staff": [rules.OTHER_COMPANY % {"name": "王芳"}]}


def test_people_of_the_company_pass():
    rules.company_validate(people=[person()], company_id=1, field="staff")


def test_outside_visitors_need_an_escort():
    got = errors(rules.escort_validate, outsiders=1, escort=None)
    assert got == {"escort": [str(rules.ESCORT_NEEDED)]}
    rules.escort_validate(outsiders=0, escort=None)
    rules.escort_validate(outsiders=2, escort=person())


def outsider(**changes):
    person = {
        "name": "王强",
        "company_name": "华为技术有限公司",
        "id_number": "44010619800101123X",
        "phone": "138 0013 8000",
    }
    return {**person, **changes}


def test_a_complete_outside_visitor_has_no_problem():
    assert rules.outsider_problems(outsider()) == {}


def test_each_missing_outside_visitor_field_is_named():
    assert rules.outsider_problems({"name": "  "}) == rules.OUTSIDER_NEEDS


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("id_number", "12345", rules.ID_NUMBER_INVALID),
        ("id_number", "4401-0619", rules.ID_NUMBER_INVALID),
        ("phone", "1234", rules.PHONE_INVALID),
        ("phone", "+86 " + "1" * 19, rules.PHONE_INVALID),  # 21 digits
        ("phone", "电话", rules.PHONE_INVALID),
    ],
)
def test_a_malformed_outside_visitor_field_gets_its_message(field, value, message):
    assert rules.outsider_problems(outsider(**{field: value})) == {field: message}


@pytest.mark.parametrize("phone", ["12345", "+86 " + "1" * 18, "020-8888 6666"])
def test_phone_numbers_of_5_to_20_digits_pass(phone):
    assert rules.outsider_problems(outsider(phone=phone)) == {}
