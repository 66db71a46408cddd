"""Bad input to the JSON API: a clear error in one shape, never a 500."""

import json

import pytest
from django.test import Client

from workflows.staff_change.models import StaffChange

from .api_clients import API, bearer, post_json
from .test_api import change_payload

pytestmark = pytest.mark.django_db
HUGE = 10**30
LISTS = ("tasks", "staff-changes", "leave", "temp-leads")


def error_shape(response, status):
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"detail", "errors"}
    assert isinstance(body["detail"], str)
    return body


def test_huge_path_id_is_a_json_422_not_an_html_500(manager_a):
    response = bearer(manager_a).get(f"{API}/staff-changes/{HUGE}")
    body = error_shape(response, 422)
    assert "change_id" in body["errors"]


def test_huge_staff_out_id_is_refused(manager_a, contract_a, roster_a):
    payload = change_payload(contract_a, 0, kind="remove", staff_out_ids=[HUGE])
    body = error_shape(
        post_json(bearer(manager_a), f"{API}/staff-changes", payload), 422
    )
    assert list(body["errors"]) == ["staff_out_ids.0"]


@pytest.mark.parametrize("name", LISTS)
@pytest.mark.parametrize("param", ["limit", "offset"])
def test_limit_and_offset_beyond_64_bits_are_422(manager_a, name, param):
    response = bearer(manager_a).get(f"{API}/{name}", {param: 2**64})
    assert list(error_shape(response, 422)["errors"]) == [param]


@pytest.mark.parametrize("name", LISTS)
def test_page_size_is_capped_at_100(manager_a, name):
    client = bearer(manager_a)
    assert client.get(f"{API}/{name}", {"limit": 100}).status_code == 200
    body = error_shape(client.get(f"{API}/{name}", {"limit": 101}), 422)
    assert body["errors"] == {
        "limit": ["Ensure this value is less than or equal to 100."]
    }


@pytest.mark.parametrize(
    "text", ["\ud800", "a\x00b", "bell\x07", "esc\x1b[31m"], ids=repr
)
def test_lone_surrogates_and_control_characters_are_refused(
    manager_a, contract_a, roster_a, text
):
    client = bearer(manager_a)
    for payload in (
        change_payload(contract_a, reason=text),
        change_payload(contract_a, people_in=[{"name": text}]),
    ):
        response = post_json(client, f"{API}/staff-changes", payload)
        assert error_shape(response, 422)["errors"]
    assert not StaffChange.objects.exists()


def test_new_lines_and_tabs_stay_allowed_in_a_reason(manager_a, contract_a, roster_a):
    payload = change_payload(contract_a, reason="第一行\n\t第二行")
    response = post_json(bearer(manager_a), f"{API}/staff-changes", payload)
    assert response.status_code == 201, response.content
    assert response.json()["reason"] == "第一行\n\t第二行"


def test_boolean_contract_id_is_not_contract_1(manager_a, contract_a, roster_a):
    payload = change_payload(contract_a, contract_id=True)
    body = error_shape(
        post_json(bearer(manager_a), f"{API}/staff-changes", payload), 422
    )
    assert list(body["errors"]) == ["contract_id"]


def test_an_add_naming_ten_thousand_people_is_refused(manager_a, contract_a, roster_a):
    payload = change_payload(contract_a, 10_000)
    body = error_shape(
        post_json(bearer(manager_a), f"{API}/staff-changes", payload), 422
    )
    assert body["errors"] == {"people_in": ["Give at most 100 items."]}
    assert not StaffChange.objects.exists()


def test_a_one_megabyte_reason_is_refused(manager_a, contract_a, roster_a):
    payload = change_payload(contract_a, reason="x" * 1_000_000)
    body = error_shape(
        post_json(bearer(manager_a), f"{API}/staff-changes", payload), 422
    )
    assert body["errors"] == {
        "reason": ["Ensure this value has at most 2000 characters."]
    }


@pytest.mark.parametrize("reason", ["", "   "])
def test_an_empty_reason_is_refused(manager_a, contract_a, roster_a, reason):
    payload = change_payload(contract_a, reason=reason)
    body = error_shape(
        post_json(bearer(manager_a), f"{API}/staff-changes", payload), 422
    )
    assert list(body["errors"]) == ["reason"]


def test_a_body_over_the_upload_limit_is_a_json_413(manager_a, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    body = json.dumps({"reason": "x" * 2000})
    response = bearer(manager_a).post(
        f"{API}/staff-changes", body, content_type="application/json"
    )
    error_shape(response, 413)


def test_schema_errors_are_in_the_callers_language(manager_a):
    client = bearer(manager_a)
    url = f"{API}/staff-changes"
    en = error_shape(post_json(client, url, {}, HTTP_ACCEPT_LANGUAGE="en"), 422)
    zh = error_shape(post_json(client, url, {}, HTTP_ACCEPT_LANGUAGE="zh-hans"), 422)
    assert en["detail"] == "The request is not valid."
    assert en["errors"]["reason"] == ["This field is required."]
    assert set(zh["errors"]) == set(en["errors"]) >= {"contract_id", "kind", "reason"}
    assert zh["errors"]["reason"] != en["errors"]["reason"]
    assert zh["detail"] != en["detail"]


def test_a_body_that_is_not_json_is_a_422(manager_a):
    response = bearer(manager_a).post(
        f"{API}/staff-changes", "{not json", content_type="application/json"
    )
    assert error_shape(response, 422)["errors"]


def test_a_server_error_is_answered_as_json(manager_a, monkeypatch):
    from workflows.api import me

    def broken(user):
        raise RuntimeError("boom")

    monkeypatch.setattr(me, "company_of", broken)
    client = Client(
        HTTP_AUTHORIZATION=bearer(manager_a).defaults["HTTP_AUTHORIZATION"],
        raise_request_exception=False,
    )
    body = error_shape(client.get(f"{API}/me", HTTP_ACCEPT_LANGUAGE="en"), 500)
    assert "boom" not in body["detail"]


def test_unauthenticated_is_the_same_shape(client):
    error_shape(client.get(f"{API}/staff-changes"), 401)


def test_every_status_is_declared_in_the_schema(client):
    schema = client.get(f"{API}/openapi.json").json()
    assert "ErrorOut" in schema["components"]["schemas"]
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            statuses = set(operation["responses"])
            assert {"401", "500"} <= statuses, (method, path)
            if path != f"{API}/me":
                assert "422" in statuses, (method, path)
            if method == "post":
                assert {"403", "404", "409", "413"} <= statuses, (method, path)
            error = operation["responses"]["500"]["content"]["application/json"]
            assert error["schema"] == {"$ref": "#/components/schemas/ErrorOut"}


@pytest.mark.parametrize("method", ["get", "post"])
def test_an_unknown_api_address_is_a_json_404(manager_a, method):
    response = getattr(bearer(manager_a), method)(f"{API}/no-such-thing/1")
    body = error_shape(response, 404)
    assert body["detail"] == "There is no such operation in this API."


def test_a_wrong_method_is_a_json_405_in_the_callers_language(manager_a):
    response = bearer(manager_a).delete(
        f"{API}/staff-changes", HTTP_ACCEPT_LANGUAGE="zh-hans"
    )
    body = error_shape(response, 405)
    assert body["detail"] == "此操作不接受 DELETE 方法。"
    assert "GET" in response["Allow"]
