"""The JSON API: auth, isolation, validation in the user's language, 409s."""

import pytest
from django.test import Client
from wagtail.models import APIToken

from home.models import StaffChangeRules
from registry.models import StaffMember
from registry.roles import Role

from .api_clients import API, bearer, list_queries, post_json

pytestmark = pytest.mark.django_db


def change_payload(contract, people=1, **extra):
    return {
        "contract_id": contract.pk,
        "kind": "add",
        "reason": "新基站开通",
        "effective_date": "2025-06-01",
        "people_in": [{"name": f"新人{i}"} for i in range(people)],
        **extra,
    }


def test_me_answers_to_a_token_and_to_a_session(manager_a, client_for):
    for client in (bearer(manager_a), client_for(manager_a)):
        body = client.get(f"{API}/me").json()
        assert body["username"] == manager_a.username
        assert body["roles"] == [Role.CONTRACTOR_MANAGER]
        assert body["company"] and body["is_carrier"] is False


def test_missing_or_revoked_token_is_401(manager_a):
    assert Client().get(f"{API}/me").status_code == 401
    token, plaintext = APIToken.create_token(user=manager_a, name="old")
    token.revoke()
    client = Client(HTTP_AUTHORIZATION=f"Bearer {plaintext}")
    assert client.get(f"{API}/me").status_code == 401


def test_create_returns_cap_usage_and_route(manager_a, contract_a, roster_a):
    client = bearer(manager_a)
    first = post_json(client, f"{API}/staff-changes", change_payload(contract_a, 3))
    assert first.status_code == 201, first.content
    assert first.json()["route"] == "review"
    assert first.json()["cap"]["allowed"] == 3
    second = post_json(client, f"{API}/staff-changes", change_payload(contract_a, 1))
    body = second.json()
    assert body["route"] == "exception"
    assert body["cap"] == {
        "used": 3,
        "requested": 1,
        "allowed": 3,
        "cap_percent": "15.00",
        "within_cap": False,
        "note": (
            "Over the cap: with this request the contract would have 4 changed "
            "positions and 3 are allowed (15% of 20; 3 already used). This request "
            "goes to Department head for approval as an exception."
        ),
        "revision_id": StaffChangeRules.objects.get().live_revision_id,
    }
    assert body["cap"]["revision_id"] is not None


def test_validation_errors_are_422_in_the_requests_language(
    manager_a, contract_a, roster_a
):
    client = bearer(manager_a)
    bad = change_payload(contract_a, 0)
    zh = post_json(client, f"{API}/staff-changes", bad, HTTP_ACCEPT_LANGUAGE="zh-hans")
    en = post_json(client, f"{API}/staff-changes", bad, HTTP_ACCEPT_LANGUAGE="en")
    assert zh.status_code == en.status_code == 422
    assert en.json()["errors"]["__all__"] == [
        "An addition names at least one person who joins."
    ]
    assert zh.json()["errors"]["__all__"] != en.json()["errors"]["__all__"]
    wrong_kind = post_json(client, f"{API}/staff-changes", {**bad, "kind": "swap"})
    assert wrong_kind.status_code == 422 and "kind" in wrong_kind.json()["errors"]


def test_service_field_errors_carry_the_payloads_names(manager_a, contract_a, roster_a):
    gone = roster_a[0]
    StaffMember.objects.filter(pk=gone.pk).update(status=StaffMember.Status.LEFT)
    payload = change_payload(contract_a, 0, kind="remove", staff_out_ids=[gone.pk])
    response = post_json(bearer(manager_a), f"{API}/staff-changes", payload)
    assert response.status_code == 422
    assert response.json()["errors"] == {
        "staff_out_ids": ["Choose people of this contract who have not left."]
    }


def test_list_takes_as_many_queries_for_twelve_changes_as_for_two(
    submit, manager_a, roster_a
):
    client = bearer(manager_a)
    for _ in range(2):
        submit()
    two = list_queries(client, f"{API}/staff-changes", 2)
    for _ in range(10):
        submit()
    assert list_queries(client, f"{API}/staff-changes", 12) == two


def test_a_page_serialises_only_its_own_rows(submit, manager_a, roster_a, monkeypatch):
    from workflows.staff_change import api as staff_change_api

    client = bearer(manager_a)
    filed = [submit().pk for _ in range(7)]
    serialised = []
    change_out = staff_change_api.change_out
    monkeypatch.setattr(
        staff_change_api,
        "change_out",
        lambda change, **kw: serialised.append(change.pk) or change_out(change, **kw),
    )
    body = client.get(f"{API}/staff-changes", {"limit": 3, "offset": 5}).json()
    assert body["count"] == 7
    assert [row["id"] for row in body["items"]] == serialised
    assert len(serialised) == 2 and set(serialised) <= set(filed)


def test_other_companys_ids_answer_404(manager_a, manager_b, contract_a, roster_a):
    created = post_json(
        bearer(manager_a), f"{API}/staff-changes", change_payload(contract_a)
    )
    change_id = created.json()["id"]
    other = bearer(manager_b)
    assert other.get(f"{API}/staff-changes/{change_id}").status_code == 404
    assert other.get(f"{API}/staff-changes").json()["count"] == 0
    foreign = post_json(other, f"{API}/staff-changes", change_payload(contract_a))
    assert foreign.status_code == 404


def test_tasks_list_and_act_then_409(manager_a, contract_a, roster_a, make_user):
    post_json(bearer(manager_a), f"{API}/staff-changes", change_payload(contract_a))
    reviewer = bearer(make_user(Role.MAINTENANCE_MANAGER))
    tasks = reviewer.get(f"{API}/tasks").json()["items"]
    assert [t["step"] for t in tasks] == ["review"]
    url = f"{API}/tasks/{tasks[0]['id']}/actions"
    done = post_json(reviewer, url, {"action": "approve"})
    assert done.status_code == 200 and done.json()["status"] == "DONE"
    assert post_json(reviewer, url, {"action": "approve"}).status_code == 409
    assert bearer(manager_a).get(f"{API}/tasks").json()["items"] == []


def test_contractor_cannot_take_a_carrier_step(manager_a, contract_a, roster_a):
    client = bearer(manager_a)
    post_json(client, f"{API}/staff-changes", change_payload(contract_a))
    from viewflow.workflow.models import Task

    task = Task.objects.get(flow_task_type="HUMAN")
    response = post_json(
        client, f"{API}/tasks/{task.pk}/actions", {"action": "approve"}
    )
    assert response.status_code == 403


def test_session_post_without_csrf_token_is_refused(manager_a, contract_a, roster_a):
    client = Client(enforce_csrf_checks=True)
    client.force_login(manager_a)
    response = post_json(client, f"{API}/staff-changes", change_payload(contract_a))
    assert response.status_code == 403


def test_openapi_schema_is_served(client):
    schema = client.get(f"{API}/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    assert {
        "/api/v1/me",
        "/api/v1/tasks",
        "/api/v1/staff-changes",
        "/api/v1/leave",
        "/api/v1/leave/{leave_id}",
        "/api/v1/temp-leads",
        "/api/v1/temp-leads/{lead_id}",
    } <= set(schema["paths"])
    assert {"LeaveIn", "LeaveOut", "LeaveRouteOut", "TempLeadIn", "TempLeadOut"} <= set(
        schema["components"]["schemas"]
    )


def test_a_joiner_carries_id_number_and_certificate_expiry(manager_a, contract_a):
    from workflows.staff_change.models import StaffChangePerson

    person = {
        "name": "孔令辉",
        "id_number": "330102",
        "certificate_expiry": "2027-03-31",
    }
    payload = change_payload(contract_a, people=0, people_in=[person])

    assert (
        post_json(bearer(manager_a), f"{API}/staff-changes", payload).status_code == 201
    )
    row = StaffChangePerson.objects.get()
    assert (row.id_number, str(row.certificate_expiry)) == ("330102", "2027-03-31")
