"""Stand-in terms the domain allows: within the contract, 2000 to 2100."""

import pytest

from registry.calendar import local_today
from workflows.temp_lead.models import TempLead

from ..api_clients import API, bearer, post_json
from .test_api import payload

pytestmark = pytest.mark.django_db
LEADS = f"{API}/temp-leads"


def errors_of(response):
    assert response.status_code == 422, response.content
    return response.json()["errors"]


def test_a_term_ending_in_9999_is_refused(manager_a, stand_in):
    body = {**payload(stand_in), "end_date": "9999-12-31"}
    assert list(errors_of(post_json(bearer(manager_a), LEADS, body))) == ["end_date"]
    assert not TempLead.objects.exists()


def test_a_term_past_the_contract_period_is_refused(manager_a, stand_in):
    days_left = (stand_in.contract.period_end - local_today()).days
    body = payload(stand_in, days=3, in_days=days_left - 1)
    errors = errors_of(post_json(bearer(manager_a), LEADS, body))
    assert list(errors) == ["end_date"]


@pytest.mark.parametrize("reason", ["", "  ", "\ud800", "a\x00b"], ids=repr)
def test_empty_or_broken_reasons_are_refused(manager_a, stand_in, reason):
    body = {**payload(stand_in), "reason": reason}
    assert list(errors_of(post_json(bearer(manager_a), LEADS, body))) == ["reason"]
