"""References count up per kind and year, inside the filing's transaction."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import transaction

from workflows.services import new_reference

from .api_clients import API, bearer, post_json

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(*args):
    return time_machine.travel(datetime.datetime(*args, tzinfo=SHANGHAI), tick=False)


def test_references_count_up_per_kind_and_start_again_each_year():
    with at(2026, 12, 31, 23, 50), transaction.atomic():
        assert [new_reference("SC") for _ in range(2)] == [
            "SC-2026-00001",
            "SC-2026-00002",
        ]
        assert new_reference("LV") == "LV-2026-00001"
    with at(2027, 1, 1, 0, 10), transaction.atomic():
        assert new_reference("SC") == "SC-2027-00001"


def test_a_filing_that_rolls_back_gives_its_number_back():
    with at(2026, 3, 1, 9, 0):
        with pytest.raises(RuntimeError), transaction.atomic():
            new_reference("TL")
            raise RuntimeError
        with transaction.atomic():
            assert new_reference("TL") == "TL-2026-00001"


@pytest.mark.parametrize("reason", ["", "   "])
def test_the_api_refuses_an_empty_reason_as_the_form_does(
    manager_a, contract_a, roster_a, reason
):
    payload = {
        "contract_id": contract_a.pk,
        "kind": "add",
        "reason": reason,
        "effective_date": "2025-06-01",
        "people_in": [{"name": "新人"}],
    }
    response = post_json(bearer(manager_a), f"{API}/staff-changes", payload)
    assert response.status_code == 422
    assert "reason" in response.json()["errors"]
