"""``/api/v1/temp-leads``: report a stand-in, read it, the carrier acknowledges."""

import datetime

import pytest
from django.utils import translation
from viewflow.workflow.models import Task
from viewflow.workflow.status import PROCESS

from registry.calendar import local_today
from registry.models import StaffMember
from workflows.temp_lead.models import TempLead
from workflows.temp_lead.selectors import acting_lead_for
from workflows.temp_lead.services import NOT_ON_DUTY

from ...factories import StaffMemberFactory
from ..api_clients import API, bearer, csrf_session, list_queries, post_json

pytestmark = pytest.mark.django_db
LEADS = f"{API}/temp-leads"


def payload(stand_in, days=3, in_days=0):
    start = local_today() + datetime.timedelta(days=in_days)
    return {
        "stand_in_id": stand_in.pk,
        "start_date": start.isoformat(),
        "end_date": (start + datetime.timedelta(days=days - 1)).isoformat(),
        "reason": "负责人外出培训",
    }


def act(client, lead_id, action, comment=""):
    task = Task.objects.get(process_id=lead_id, flow_task_type="HUMAN")
    url = f"{API}/tasks/{task.pk}/actions"
    return post_json(client, url, {"action": action, "comment": comment})


def test_manager_reports_a_stand_in_by_token_and_reads_it(manager_a, stand_in):
    client = bearer(manager_a)
    created = post_json(client, LEADS, payload(stand_in))
    assert created.status_code == 201, created.content
    body = created.json()
    assert (body["stand_in_id"], body["stand_in"]) == (stand_in.pk, "赵强")
    assert body["acknowledged_at"] is None and body["acting_today"] is False
    assert [step["action"] for step in body["history"]] == ["submitted"]
    assert [row["id"] for row in client.get(LEADS).json()["items"]] == [body["id"]]
    read = client.get(f"{LEADS}/{body['id']}").json()
    assert read["reference"] == body["reference"] and read["status"] == PROCESS.NEW


def test_manager_reports_over_a_session_with_its_csrf_token(manager_a, stand_in):
    client = csrf_session(manager_a)
    assert post_json(client, LEADS, payload(stand_in)).status_code == 201
    lead = TempLead.objects.get()
    assert lead.requester == manager_a and lead.stand_in == stand_in
    assert client.get(LEADS).json()["count"] == 1
    assert client.get(f"{LEADS}/{lead.pk}").json()["id"] == lead.pk


def test_stand_in_of_another_company_or_off_duty_is_a_field_error(
    manager_a, staff_b, company_a
):
    client = bearer(manager_a)
    foreign = post_json(client, LEADS, payload(staff_b[0]))
    assert foreign.status_code == 422
    assert foreign.json()["errors"] == {
        "stand_in_id": ["Choose a person of your own company."]
    }
    trainee = StaffMemberFactory(company=company_a, status=StaffMember.Status.TRAINEE)
    en = post_json(client, LEADS, payload(trainee), HTTP_ACCEPT_LANGUAGE="en")
    zh = post_json(client, LEADS, payload(trainee), HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert en.json()["errors"] == {"stand_in_id": ["Choose a person who is on duty."]}
    with translation.override("zh-hans"):
        assert zh.json()["errors"] == {"stand_in_id": [str(NOT_ON_DUTY)]}
    assert zh.json()["detail"] != en.json()["detail"]
    assert not TempLead.objects.exists()


def test_engineer_cannot_name_a_stand_in(engineer_a, stand_in):
    response = post_json(bearer(engineer_a), LEADS, payload(stand_in))
    assert response.status_code == 422
    assert response.json()["errors"] == {
        "__all__": ["Only a contractor company's manager names a temporary lead."]
    }


def test_carrier_acknowledges_through_the_api_once(
    report, stand_in, company_a, carrier
):
    lead = report()
    client = bearer(carrier)
    tasks = client.get(f"{API}/tasks").json()["items"]
    assert [(t["request_id"], t["step"]) for t in tasks] == [(lead.pk, "acknowledge")]
    done = act(client, lead.pk, "approve", "已知悉")
    assert done.status_code == 200 and done.json()["status"] == "DONE"
    body = client.get(f"{LEADS}/{lead.pk}").json()
    assert body["outcome"] == "acknowledged" and body["acknowledged_at"]
    assert body["acting_today"] is True
    assert body["history"][-1]["action"] == "acknowledged"
    assert body["history"][-1]["comment"] == "已知悉"
    assert acting_lead_for(company_a, local_today()) == stand_in
    assert act(client, lead.pk, "approve").status_code == 409


@pytest.mark.parametrize("action", ["reject", "return"])
def test_a_stand_in_is_only_acknowledged(report, carrier, action):
    lead = report()
    response = act(bearer(carrier), lead.pk, action, "不同意")
    assert response.status_code == 422
    assert response.json()["errors"] == {
        "action": [
            "A temporary lead is only acknowledged: send approve to acknowledge it."
        ]
    }
    lead.refresh_from_db()
    assert lead.status == PROCESS.NEW and lead.acknowledged_at is None
    task = Task.objects.get(process_id=lead.pk, flow_task_type="HUMAN")
    assert task.status == "NEW" and task.owner_id is None


def test_the_contractor_may_not_acknowledge_and_others_see_nothing(
    report, manager_a, manager_b
):
    lead = report()
    assert act(bearer(manager_a), lead.pk, "approve").status_code == 403
    other = bearer(manager_b)
    assert act(other, lead.pk, "approve").status_code == 404
    assert other.get(f"{LEADS}/{lead.pk}").status_code == 404
    assert other.get(LEADS).json()["count"] == 0


def test_list_takes_as_many_queries_for_twelve_leads_as_for_two(report, carrier):
    client = bearer(carrier)
    for i in range(2):
        report(days=1, in_days=i)
    two = list_queries(client, LEADS, 2)
    for i in range(2, 12):
        report(days=1, in_days=i)
    assert list_queries(client, LEADS, 12) == two


def test_the_lead_cannot_name_himself_as_his_own_stand_in(
    manager_a, company_a, contract_a
):
    himself = StaffMemberFactory(
        company=company_a, contract=contract_a, user=manager_a, position="manager"
    )
    client = bearer(manager_a)
    en = post_json(client, LEADS, payload(himself), HTTP_ACCEPT_LANGUAGE="en")
    zh = post_json(client, LEADS, payload(himself), HTTP_ACCEPT_LANGUAGE="zh-hans")

    assert en.status_code == 422
    assert en.json()["errors"] == {
        "stand_in_id": ["You cannot stand in for yourself: choose another person."]
    }
    assert zh.json()["errors"] == {
        "stand_in_id": ["不能指定本人为临时负责人：请选择其他人员。"]
    }
    assert not TempLead.objects.exists()
