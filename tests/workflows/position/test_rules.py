"""The checks of a position change, on plain values."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from registry.models import StaffMember
from workflows.position import rules

TODAY = datetime.date(2026, 3, 10)


def person(**kw):
    values = {
        "company_id": 1,
        "contract_id": 5,
        "position": StaffMember.Position.ENGINEER,
        "team": "一组",
        "region_id": 3,
        "status": StaffMember.Status.ON_DUTY,
        **kw,
    }
    return StaffMember(**values)


def move(**kw):
    return rules.Move(**{"position": "engineer", "team": "一组", "region_id": 3, **kw})


def check(p=None, m=None, day=TODAY, company_id=1):
    rules.change_validate(
        person=p or person(),
        company_id=company_id,
        move=m or move(position="group_lead"),
        effective_date=day,
        today=TODAY,
    )


def messages(error):
    return {k: [str(x) for x in v] for k, v in error.message_dict.items()}


@pytest.mark.parametrize(
    "change",
    [
        {"position": "group_lead"},
        {"team": "二组"},
        {"region_id": 4},
        {"region_id": None},
    ],
)
def test_any_one_of_position_group_or_area_is_a_change(change):
    check(m=move(**change))


def test_no_change_at_all_is_refused_in_chinese_and_english():
    with pytest.raises(ValidationError) as error:
        check(m=move(team=" 一组 "))
    with translation.override("zh-hans"):
        assert messages(error.value) == {"__all__": [str(rules.NO_CHANGE)]}
        assert "调整" in messages(error.value)["__all__"][0]
    with translation.override("en"):
        assert messages(error.value)["__all__"] == [
            "Change the position, the work group or the area: nothing differs now."
        ]


@pytest.mark.parametrize(
    ("kw", "field", "message"),
    [
        ({"company_id": 2}, "person", rules.OTHER_COMPANY),
        ({"status": StaffMember.Status.LEFT}, "person", rules.PERSON_LEFT),
        ({"contract_id": None}, "person", rules.NO_CONTRACT),
    ],
)
def test_the_person_must_be_of_the_company_on_the_roster_and_on_a_contract(
    kw, field, message
):
    with pytest.raises(ValidationError) as error:
        check(p=person(**kw))
    with translation.override("en"):
        assert messages(error.value) == {field: [str(message)]}


def test_the_date_may_be_today_but_not_yesterday():
    check(day=TODAY)
    with pytest.raises(ValidationError) as error:
        check(day=TODAY - datetime.timedelta(days=1))
    assert list(error.value.message_dict) == ["effective_date"]


def test_a_trainee_or_a_person_on_leave_may_be_moved():
    check(p=person(status=StaffMember.Status.TRAINEE))
    check(p=person(status=StaffMember.Status.ON_LEAVE))
