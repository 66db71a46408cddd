"""``/api/v1/position-changes``: file, read and decide as a script does."""

import datetime

import pytest
from django.utils import translation
from viewflow.workflow.models import Task

from registry.calendar import local_today
from registry.models import StaffMember
from workflows.models import Request
from workflows.position import rules
from workflows.position.models import PositionChange

from ...factories import StaffMemberFactory
from ..api_clients import API, bearer, list_queries, post_json

pytestmark = pytest.mark.django_db
CHANGES = f"{API}/position-changes"


def payload(person, in_days=5, **extra):
    return {
        "person_id": person.pk,
        "effective_date": (
            local_today() + datetime.timedelta(days=in_days)
        ).isoformat(),
        "reason": "班组调整",
        "position": "group_lead",
        **extra,
    }


def open_task(change_id):
    return Task.objects.get(
        process_id=change_id, flow_task_type="HUMAN", status__in=["NEW", "ASSIGNED"]
    )


def act(client, change_id, action, comment=""):
    url = f"{API}/tasks/{open_task(change_id).pk}/actions"
    return post_json(client, url, {"action": action, "comment": comment})


def test_filed_approved_and_read_by_api(person_a, manager_a, carrier):
    client = bearer(manager_a)
    created = post_json(client, CHANGES, payload(person_a, in_days=0, team="二组"))
    assert created.status_code == 201, created.content
    body = created.json()
    assert (body["old_position"], body["new_position"]) == ("engineer", "group_lead")
    assert (body["old_team"], body["new_team"]) == ("一组", "二组")
    assert body["company_step"] is True and body["due_at"]
    assert [h["action"] for h in body["history"]] == ["submitted", "routed"]
    assert act(client, body["id"], "approve").status_code == 200
    assert act(bearer(carrier), body["id"], "approve").status_code == 200
    read = client.get(f"{CHANGES}/{body['id']}").json()
    assert (
        read["outcome"] == "approved"
        and read["applied_on"] == local_today().isoformat()
    )
    person_a.refresh_from_db()
    assert (person_a.position, person_a.team) == ("group_lead", "二组")


def test_reject_needs_a_comment_and_return_is_refused(person_a, manager_a):
    client = bearer(manager_a)
    change_id = post_json(client, CHANGES, payload(person_a)).json()["id"]
    assert act(client, change_id, "return", "改").status_code == 422
    refused = act(client, change_id, "reject")
    assert refused.status_code == 422 and "comment" in refused.json()["errors"]
    assert act(client, change_id, "reject", "暂缓").status_code == 200
    assert PositionChange.objects.get(pk=change_id).outcome == "rejected"


@pytest.mark.parametrize(
    ("make", "field", "message"),
    [
        (lambda a, b: payload(b), "person_id", rules.OTHER_COMPANY),
        (lambda a, b: payload(a, in_days=-1), "effective_date", rules.PAST_DATE),
        (
            lambda a, b: payload(a, position="engineer", team="一组"),
            "__all__",
            rules.NO_CHANGE,
        ),
    ],
)
def test_bad_input_is_a_translated_error_and_nothing_is_written(
    person_a, person_b, manager_a, make, field, message
):
    client = bearer(manager_a)
    for language in ("zh-hans", "en"):
        answer = post_json(
            client, CHANGES, make(person_a, person_b), HTTP_ACCEPT_LANGUAGE=language
        )
        assert answer.status_code == 422, answer.content
        with translation.override(language):
            assert answer.json()["errors"][field] == [str(message)]
    assert not Request.objects.exists()


def test_a_person_who_left_is_refused(person_a, manager_a):
    StaffMember.objects.filter(pk=person_a.pk).update(
        status=StaffMember.Status.LEFT, left_on=local_today()
    )
    answer = post_json(bearer(manager_a), CHANGES, payload(person_a))
    assert answer.status_code == 422
    assert not PositionChange.objects.exists()


def test_the_engineer_cannot_file(person_a, engineer_a):
    answer = post_json(bearer(engineer_a), CHANGES, payload(person_a))
    assert answer.status_code == 422
    assert not PositionChange.objects.exists()


def test_another_company_neither_reads_nor_decides(person_a, manager_a, manager_b):
    change_id = post_json(bearer(manager_a), CHANGES, payload(person_a)).json()["id"]
    client = bearer(manager_b)
    assert client.get(f"{CHANGES}/{change_id}").status_code == 404
    assert client.get(CHANGES).json()["count"] == 0
    assert act(client, change_id, "approve").status_code == 404
    assert open_task(change_id).flow_task.name == "company_approval"


def test_the_list_takes_the_same_queries_for_more_rows(
    company_a, contract_a, manager_a
):
    client = bearer(manager_a)

    def file(n):
        for _ in range(n):
            person = StaffMemberFactory(company=company_a, contract=contract_a)
            assert post_json(client, CHANGES, payload(person)).status_code == 201

    file(2)
    two = list_queries(client, CHANGES, 2)
    file(8)
    assert list_queries(client, CHANGES, 10) == two


def test_in_the_openapi_schema(client):
    schema = client.get(f"{API}/openapi.json").json()
    assert {"/api/v1/position-changes", "/api/v1/position-changes/{change_id}"} <= set(
        schema["paths"]
    )
    assert "PositionIn" in schema["components"]["schemas"]
