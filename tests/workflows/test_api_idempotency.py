"""``Idempotency-Key`` on the API's creates: a retried filing is filed once."""

import pytest

from workflows.staff_change.models import StaffChange

from .api_clients import API, bearer, post_json
from .test_api import change_payload

pytestmark = pytest.mark.django_db
URL = f"{API}/staff-changes"


def test_a_retry_with_the_same_key_returns_the_first_request(
    manager_a, contract_a, roster_a
):
    client = bearer(manager_a)
    payload = change_payload(contract_a, 2)
    first = post_json(client, URL, payload, HTTP_IDEMPOTENCY_KEY="k-1")
    again = post_json(client, URL, payload, HTTP_IDEMPOTENCY_KEY="k-1")
    assert first.status_code == again.status_code == 201, again.content
    assert again.json() == first.json()
    assert StaffChange.objects.count() == 1
    # Only one filing counts against the cap: the next one sees 2 used, not 4.
    third = post_json(client, URL, change_payload(contract_a, 1))
    assert third.json()["cap"]["used"] == 2


def test_the_same_key_with_another_body_is_409(manager_a, contract_a, roster_a):
    client = bearer(manager_a)
    post_json(client, URL, change_payload(contract_a, 1), HTTP_IDEMPOTENCY_KEY="k")
    other = post_json(
        client, URL, change_payload(contract_a, 2), HTTP_IDEMPOTENCY_KEY="k"
    )
    assert other.status_code == 409
    assert set(other.json()) == {"detail", "errors"}
    assert StaffChange.objects.count() == 1


def test_without_a_key_two_posts_file_two_requests(manager_a, contract_a, roster_a):
    client = bearer(manager_a)
    for _ in range(2):
        assert post_json(client, URL, change_payload(contract_a)).status_code == 201
    assert StaffChange.objects.count() == 2


def test_a_refused_filing_keeps_its_key_free(manager_a, contract_a, roster_a):
    client = bearer(manager_a)
    bad = post_json(
        client, URL, change_payload(contract_a, 0), HTTP_IDEMPOTENCY_KEY="k"
    )
    assert bad.status_code == 422
    good = post_json(
        client, URL, change_payload(contract_a, 1), HTTP_IDEMPOTENCY_KEY="k"
    )
    assert good.status_code == 201


def test_keys_belong_to_their_caller(manager_a, make_user, contract_a, roster_a):
    from registry.roles import Role

    deputy = make_user(Role.CONTRACTOR_MANAGER)
    payload = change_payload(contract_a)
    for user in (manager_a, deputy):
        response = post_json(bearer(user), URL, payload, HTTP_IDEMPOTENCY_KEY="same")
        assert response.status_code == 201
    assert StaffChange.objects.count() == 2


@pytest.mark.parametrize("path", ["staff-changes", "leave", "temp-leads"])
def test_every_create_declares_the_header(client, path):
    schema = client.get(f"{API}/openapi.json").json()
    parameters = schema["paths"][f"{API}/{path}"]["post"]["parameters"]
    assert [(p["in"], p["name"]) for p in parameters] == [("header", "Idempotency-Key")]
