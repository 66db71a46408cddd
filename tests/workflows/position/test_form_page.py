"""Filing a position change on the demo's form page, through the real view."""

import datetime

import pytest

from registry.calendar import local_today
from tests.form_pages import post_form_page
from workflows.models import Request
from workflows.position import rules
from workflows.position.models import PositionChange

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_request_forms")]
PAGE = "/requests/position-change/"


def filing(person, in_days=3, **extra):
    day = local_today() + datetime.timedelta(days=in_days)
    return {
        "person": person.pk,
        "position": "group_lead",
        "team": "",
        "region": "",
        "effective_date": day.isoformat(),
        "reason": "接任班组长",
        **extra,
    }


def test_the_page_offers_only_the_own_staff(client_for, manager_a, person_a, person_b):
    html = client_for(manager_a).get(PAGE).content.decode()
    assert "张伟" in html and "王强" not in html and 'type="date"' in html


def test_filing_on_the_page_starts_the_flow(client_for, manager_a, person_a):
    answer = post_form_page(client_for(manager_a), PAGE, filing(person_a))
    assert answer.status_code == 302, answer.context["form"].errors
    change = PositionChange.objects.get()
    assert (change.person, change.new_position) == (person_a, "group_lead")
    assert change.reference.startswith("PC-")


@pytest.mark.parametrize(
    ("extra", "field", "message"),
    [
        ({"in_days": -1}, "effective_date", rules.PAST_DATE),
        ({"position": "", "team": "一组"}, None, rules.NO_CHANGE),
    ],
)
def test_bad_input_is_shown_in_chinese_and_nothing_is_written(
    client_for, manager_a, person_a, extra, field, message, settings
):
    settings.LANGUAGE_CODE = "zh-hans"
    data = filing(person_a, in_days=extra.pop("in_days", 3), **extra)
    answer = post_form_page(
        client_for(manager_a), PAGE, data, HTTP_ACCEPT_LANGUAGE="zh-hans"
    )
    assert answer.status_code == 200
    errors = answer.context["form"].errors
    key = field or "__all__"
    assert str(message) in errors[key][0] and not str(message).isascii()
    assert not Request.objects.exists()


def test_another_companys_person_is_not_a_choice(client_for, manager_a, person_b):
    answer = post_form_page(client_for(manager_a), PAGE, filing(person_b))
    assert answer.status_code == 200
    assert "person" in answer.context["form"].errors
    assert not Request.objects.exists()


def test_the_engineer_is_not_offered_the_page(client_for, engineer_a, person_a):
    answer = client_for(engineer_a).get(PAGE)
    assert answer.status_code in (403, 404)
