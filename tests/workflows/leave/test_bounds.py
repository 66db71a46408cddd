"""Leave dates the domain allows: within the contract, at most N days (CMS)."""

import datetime

import pytest

from home.models import StaffChangeRules
from home.rules import current_rules
from registry.calendar import local_today
from workflows.leave import rules
from workflows.leave.forms import LeaveForm
from workflows.leave.models import Leave

from ..api_clients import API, bearer, post_json
from .test_api import payload

pytestmark = pytest.mark.django_db
LEAVE = f"{API}/leave"


def errors_of(response):
    assert response.status_code == 422, response.content
    return response.json()["errors"]


@pytest.mark.parametrize(
    ("start", "end"),
    [("2030-01-01", "9999-12-31"), ("0001-01-01", "9999-12-31"), ("1999-12-31", None)],
)
def test_dates_outside_2000_to_2100_are_refused(engineer_a, person_a, start, end):
    body = {**payload(), "start_date": start, "end_date": end or start}
    errors = errors_of(post_json(bearer(engineer_a), LEAVE, body))
    assert set(errors) <= {"start_date", "end_date"} and errors
    assert not Leave.objects.exists()


def test_leave_longer_than_the_cms_maximum_is_refused(engineer_a, person_a):
    client = bearer(engineer_a)
    errors = errors_of(post_json(client, LEAVE, payload(days=181)))
    assert errors == {"end_date": ["A leave lasts at most 180 days; this one has 181."]}
    assert post_json(client, LEAVE, payload(days=180)).status_code == 201


def test_the_maximum_is_the_published_rule_for_the_form_too(engineer_a, person_a):
    topic = StaffChangeRules.objects.get()
    assert topic.leave_max_days == 180
    topic.leave_max_days = 10
    topic.save_revision().publish()
    start = local_today() + datetime.timedelta(days=3)
    data = {"start_date": start, "end_date": start + datetime.timedelta(days=10)}
    form = LeaveForm({**data, "reason": "探亲"}, user=engineer_a)
    assert not form.is_valid()
    message = rules.TOO_LONG % {"limit": 10, "days": 11}
    assert form.errors["end_date"] == [str(message)]


def test_leave_outside_the_contract_period_is_refused(engineer_a, person_a):
    contract = person_a.contract
    days_left = (contract.period_end - local_today()).days
    errors = errors_of(
        post_json(bearer(engineer_a), LEAVE, payload(days=3, in_days=days_left - 1))
    )
    assert list(errors) == ["end_date"]
    assert str(contract.period_end) in errors["end_date"][0]


@pytest.mark.parametrize("reason", ["", "  ", "\ud800", "a\x00b"], ids=repr)
def test_empty_or_broken_reasons_are_refused(engineer_a, person_a, reason):
    errors = errors_of(post_json(bearer(engineer_a), LEAVE, payload(reason=reason)))
    assert list(errors) == ["reason"]


def test_leave_on_the_contracts_first_and_last_days_is_allowed(person_a):
    """The period's bounds belong to it (raises nothing)."""
    contract = person_a.contract
    for start, end in [
        (contract.period_start, contract.period_start),
        (contract.period_end, contract.period_end),
    ]:
        rules.leave_bounds_validate(
            start=start, end=end, contract=contract, rules=current_rules()
        )
