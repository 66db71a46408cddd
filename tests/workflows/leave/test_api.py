"""``/api/v1/leave``: file, read and decide leave as a script or a page does."""

import datetime

import pytest
from django.utils import translation
from viewflow.workflow.models import Task
from viewflow.workflow.status import PROCESS

from home.rules import current_rules
from registry.calendar import local_today
from registry.models import StaffMember
from workflows.leave.models import END_BEFORE_START, Leave

from ...factories import StaffMemberFactory
from ..api_clients import API, bearer, csrf_session, list_queries, post_json

pytestmark = pytest.mark.django_db
LEAVE = f"{API}/leave"


def payload(days=2, in_days=10, **extra):
    start = local_today() + datetime.timedelta(days=in_days)
    end = start + datetime.timedelta(days=days - 1)
    return {
        "start_date": start.isoformat(),
        "end_date": end.isoformat(),
        "reason": "家中有事",
        **extra,
    }


def open_task(leave_id):
    return Task.objects.get(
        process_id=leave_id, flow_task_type="HUMAN", status__in=["NEW", "ASSIGNED"]
    )


def act(client, leave_id, action, comment=""):
    url = f"{API}/tasks/{open_task(leave_id).pk}/actions"
    return post_json(client, url, {"action": action, "comment": comment})


def actions(leave_body):
    return [step["action"] for step in leave_body["history"]]


def test_engineer_files_own_leave_by_token_and_reads_it(engineer_a, person_a):
    client = bearer(engineer_a)
    created = post_json(client, LEAVE, payload(days=2))
    assert created.status_code == 201, created.content
    body = created.json()
    assert (body["person_id"], body["person"]) == (person_a.pk, "张伟")
    assert body["route"] == {
        "company_step": True,
        "carrier_step": None,
        "decided": False,
        "days": 2,
        "carrier_after_days": 3,
        "note": "",
        "revision_id": current_rules().staff_change.revision_id,
    }
    assert actions(body) == ["submitted"]
    listed = client.get(LEAVE).json()
    assert [row["id"] for row in listed["items"]] == [body["id"]]
    read = client.get(f"{LEAVE}/{body['id']}").json()
    assert read["reference"] == body["reference"] and read["status"] == PROCESS.NEW


def test_manager_files_for_staff_over_a_session_with_its_csrf_token(
    manager_a, person_a
):
    client = csrf_session(manager_a)
    created = post_json(client, LEAVE, payload(person_id=person_a.pk))
    assert created.status_code == 201, created.content
    leave = Leave.objects.get()
    assert leave.person == person_a and leave.requester == manager_a
    assert client.get(LEAVE).json()["count"] == 1
    assert client.get(f"{LEAVE}/{leave.pk}").json()["id"] == leave.pk
    del client.defaults["HTTP_X_CSRFTOKEN"]
    refused = post_json(client, LEAVE, payload(in_days=30, person_id=person_a.pk))
    assert refused.status_code == 403 and Leave.objects.count() == 1


def test_managers_own_leave_is_routed_to_the_carrier_at_once(
    manager_a, manager_record_a
):
    body = post_json(bearer(manager_a), LEAVE, payload(days=1)).json()
    route = body["route"]
    assert route["company_step"] is False and route["carrier_step"] is True
    assert route["decided"] and route["days"] == 1 and route["carrier_after_days"] == 3
    assert "the carrier approves" in route["note"]
    assert actions(body) == ["submitted", "routed"]


def test_person_of_another_company_is_a_field_error_and_nothing_is_written(
    manager_a, person_a, staff_b
):
    response = post_json(bearer(manager_a), LEAVE, payload(person_id=staff_b[0].pk))
    assert response.status_code == 422
    assert response.json()["errors"] == {
        "person_id": ["Choose a person of your own company."]
    }
    assert not Leave.objects.exists()


def test_engineer_may_not_file_for_a_colleague(
    engineer_a, person_a, company_a, contract_a
):
    colleague = StaffMemberFactory(company=company_a, contract=contract_a)
    response = post_json(bearer(engineer_a), LEAVE, payload(person_id=colleague.pk))
    assert response.status_code == 422
    assert response.json()["errors"] == {
        "person_id": ["You may file leave only for yourself."]
    }


def test_field_messages_come_in_the_requests_language(engineer_a, person_a):
    client = bearer(engineer_a)
    bad = {**payload(), "end_date": "2000-01-01"}
    en = post_json(client, LEAVE, bad, HTTP_ACCEPT_LANGUAGE="en")
    zh = post_json(client, LEAVE, bad, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert en.status_code == zh.status_code == 422
    assert en.json() == {
        "detail": "The request is not valid.",
        "errors": {"end_date": ["The leave cannot end before it starts."]},
    }
    with translation.override("zh-hans"):
        chinese = str(END_BEFORE_START)
    assert zh.json()["errors"] == {"end_date": [chinese]}
    assert zh.json()["detail"] != en.json()["detail"]
    assert not Leave.objects.exists()


def test_another_companys_leave_is_404_to_read_and_to_decide(file_leave, manager_b):
    leave = file_leave()
    client = bearer(manager_b)
    assert client.get(f"{LEAVE}/{leave.pk}").status_code == 404
    assert client.get(LEAVE).json()["count"] == 0
    assert act(client, leave.pk, "approve").status_code == 404
    assert open_task(leave.pk).owner_id is None


def test_a_step_of_another_role_is_403(file_leave, engineer_a, carrier, manager_a):
    leave = file_leave(days=5)
    assert act(bearer(engineer_a), leave.pk, "approve").status_code == 403
    assert act(bearer(carrier), leave.pk, "approve").status_code == 403
    act(bearer(manager_a), leave.pk, "approve")
    assert open_task(leave.pk).flow_task == leave.flow_class.carrier_approval
    refused = act(bearer(manager_a), leave.pk, "approve")
    assert refused.status_code == 403
    assert refused.json()["detail"] == "You may not act on this task."


def test_a_second_decision_is_409(file_leave, manager_a):
    leave = file_leave()
    url = f"{API}/tasks/{open_task(leave.pk).pk}/actions"
    client = bearer(manager_a)
    first = post_json(client, url, {"action": "approve"})
    assert first.status_code == 200 and first.json()["status"] == "DONE"
    second = post_json(client, url, {"action": "reject", "comment": "改期"})
    assert second.status_code == 409
    assert second.json()["detail"] == (
        "This task has already been handled by someone else."
    )
    leave.refresh_from_db()
    assert leave.outcome == "approved"


def test_rejecting_without_a_reason_is_422_and_writes_nothing(file_leave, manager_a):
    leave = file_leave()
    client = bearer(manager_a)
    refused = act(client, leave.pk, "reject")
    assert refused.status_code == 422
    assert refused.json()["errors"] == {"comment": ["Give a reason for rejecting."]}
    assert open_task(leave.pk).owner_id is None
    leave.refresh_from_db()
    assert leave.decision == "" and leave.transitions.count() == 1
    assert act(client, leave.pk, "reject", "当天有割接任务").status_code == 200
    leave.refresh_from_db()
    assert leave.outcome == "rejected" and leave.status == PROCESS.DONE
    assert leave.transitions.last().comment == "当天有割接任务"


def test_leave_is_never_returned(file_leave, manager_a):
    leave = file_leave()
    response = act(bearer(manager_a), leave.pk, "return", "请补充说明")
    assert response.status_code == 422
    assert response.json()["errors"] == {
        "action": ["Leave is approved or rejected; it cannot be returned."]
    }
    assert open_task(leave.pk).owner_id is None


def test_short_leave_through_the_api_needs_the_company_only(
    engineer_a, person_a, manager_a, carrier
):
    created = post_json(bearer(engineer_a), LEAVE, payload(days=3)).json()
    manager = bearer(manager_a)
    tasks = manager.get(f"{API}/tasks").json()["items"]
    assert [(t["request_id"], t["step"]) for t in tasks] == [
        (created["id"], "company_approval")
    ]
    url = f"{API}/tasks/{tasks[0]['id']}/actions"
    assert post_json(manager, url, {"action": "approve"}).status_code == 200
    assert bearer(carrier).get(f"{API}/tasks").json()["items"] == []
    body = bearer(engineer_a).get(f"{LEAVE}/{created['id']}").json()
    assert body["outcome"] == "approved" and body["decision"] == "approved"
    route = body["route"]
    assert (route["carrier_step"], route["decided"], route["days"]) == (False, True, 3)
    assert route["carrier_after_days"] == 3 and "3 calendar days" in route["note"]
    assert actions(body) == ["submitted", "approved", "routed"]


def test_long_leave_through_the_api_goes_on_to_the_carrier(
    engineer_a, person_a, manager_a, carrier
):
    created = post_json(bearer(engineer_a), LEAVE, payload(days=5, in_days=0))
    leave_id = created.json()["id"]
    assert act(bearer(manager_a), leave_id, "approve").status_code == 200
    carrier_client = bearer(carrier)
    tasks = carrier_client.get(f"{API}/tasks").json()["items"]
    assert [t["step"] for t in tasks] == ["carrier_approval"]
    done = act(carrier_client, leave_id, "approve", "同意，做好工作交接")
    assert done.status_code == 200 and done.json()["step"] == "carrier_approval"
    body = carrier_client.get(f"{LEAVE}/{leave_id}").json()
    assert body["outcome"] == "approved" and body["began_on"] == str(local_today())
    assert body["route"]["carrier_step"] is True and body["route"]["decided"]
    assert actions(body) == ["submitted", "approved", "routed", "approved", "applied"]
    person_a.refresh_from_db()
    assert person_a.status == StaffMember.Status.ON_LEAVE


def test_list_takes_as_many_queries_for_twelve_leaves_as_for_two(
    file_leave, manager_a, manager_record_a
):
    def file(count, first):
        for i in range(first, first + count):
            # the manager's own leave is routed at once: rows with and without
            file_leave(days=1, in_days=2 * i, user=manager_a if i % 2 else None)

    client = bearer(manager_a)
    file(2, 0)
    two = list_queries(client, LEAVE, 2)
    file(10, 2)
    assert list_queries(client, LEAVE, 12) == two
