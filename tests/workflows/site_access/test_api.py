"""``/api/v1/site-visits``: file, read, list, decide, check in and out."""

import datetime

import pytest
from django.utils import timezone

from workflows.site_access import rules, services
from workflows.site_access.models import SiteVisit

from ..api_clients import API, bearer, list_queries, post_json
from .conftest import open_task

pytestmark = pytest.mark.django_db
VISITS = f"{API}/site-visits"


def payload(site, people, start_in=2, length=3, **extra):
    start = timezone.now() + datetime.timedelta(hours=start_in)
    return {
        "site_id": site.pk,
        "window_start": start.isoformat(),
        "window_end": (start + datetime.timedelta(hours=length)).isoformat(),
        "planned_work": "更换电源模块",
        "staff_ids": [p.pk for p in people],
        "checklist_acknowledged": True,
        **extra,
    }


def test_a_visit_goes_through_the_api_from_filing_to_check_out(
    clock, engineer_a, owner, site_a, visitor_a, prework
):
    engineer, owner_api = bearer(engineer_a), bearer(owner)
    outsider = {
        "name": "周立",
        "company_name": "华为",
        "id_number": "330102198805061234",
        "phone": "13757120086",
    }
    filed = post_json(
        engineer,
        VISITS,
        payload(site_a, [visitor_a], outsiders=[outsider], escort_id=visitor_a.pk),
    )
    assert filed.status_code == 201, filed.json()
    body = filed.json()
    visit_id = body["id"]
    assert body["site_id"] == site_a.pk and len(body["visitors"]) == 2
    assert body["checklist_id"] is not None and body["escort_id"] == visitor_a.pk
    assert (
        post_json(
            engineer, f"{VISITS}/{visit_id}/decision", {"decision": "approve"}
        ).status_code
        == 403
    )
    decided = post_json(
        owner_api, f"{VISITS}/{visit_id}/decision", {"decision": "approve"}
    )
    assert decided.status_code == 200 and decided.json()["decision"] == "approved"
    clock.move_to(timezone.now() + datetime.timedelta(hours=2, minutes=30), tick=False)
    visitors = [v["id"] for v in decided.json()["visitors"]]
    now = timezone.now().isoformat()
    checked = post_json(
        engineer,
        f"{VISITS}/{visit_id}/check-in",
        {"times": [{"visitor_id": v, "at": now} for v in visitors]},
    )
    assert checked.status_code == 200, checked.json()
    assert all(v["checked_in_at"] for v in checked.json()["visitors"])
    clock.move_to(timezone.now() + datetime.timedelta(hours=1), tick=False)
    done = post_json(
        engineer,
        f"{VISITS}/{visit_id}/check-out",
        {"work_done": "完成", "items_open": "盖板待补装"},
    )
    assert done.status_code == 200, done.json()
    body = done.json()
    assert body["outcome"] == "approved" and body["status"] == "DONE"
    assert all(v["checked_out_at"] for v in body["visitors"])
    assert [
        h["action"] for h in engineer.get(f"{VISITS}/{visit_id}").json()["history"]
    ] == ["submitted", "approved", "checked_in", "checked_out"]
    again = post_json(engineer, f"{VISITS}/{visit_id}/check-out", {"work_done": "x"})
    assert again.status_code == 409


def test_rejecting_through_the_task_actions_needs_a_reason(clock, file_visit, owner):
    visit = file_visit()
    url = f"{API}/tasks/{open_task(visit).pk}/actions"
    client = bearer(owner)
    assert post_json(client, url, {"action": "reject"}).status_code == 422
    assert post_json(client, url, {"action": "return"}).status_code == 422
    assert (
        post_json(client, url, {"action": "reject", "comment": "封网"}).status_code
        == 200
    )
    assert SiteVisit.objects.get(pk=visit.pk).outcome == "rejected"


def test_a_blocked_visitor_is_named_in_the_422(
    clock, file_visit, owner, trainee_a, company_a, contract_a
):
    from ...factories import StaffMemberFactory

    trainee = StaffMemberFactory(
        company=company_a,
        contract=contract_a,
        name="李娜",
        employee_no="A-9",
        status="trainee",
    )
    visit = file_visit(staff=[trainee])
    answer = post_json(
        bearer(owner),
        f"{VISITS}/{visit.pk}/decision",
        {"decision": "approve"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert answer.status_code == 422
    assert "李娜" in answer.json()["errors"]["__all__"][0]
    assert SiteVisit.objects.get(pk=visit.pk).decision == ""


@pytest.mark.parametrize(
    ("extra", "field", "message"),
    [
        ({"start_in": -1}, "window_start", rules.WINDOW_PAST),
        ({"length": -2}, "window_end", rules.WINDOW_INVERTED),
        (
            {
                "outsiders": [
                    {
                        "name": "a",
                        "company_name": "b",
                        "id_number": "C123456",
                        "phone": "13900000000",
                    }
                ]
            },
            "escort_id",
            rules.ESCORT_NEEDED,
        ),
    ],
)
def test_bad_input_is_a_field_error_and_nothing_is_written(
    clock, engineer_a, site_a, visitor_a, prework, extra, field, message
):
    data = payload(
        site_a,
        [visitor_a],
        start_in=extra.pop("start_in", 2),
        length=extra.pop("length", 3),
        **extra,
    )
    answer = post_json(bearer(engineer_a), VISITS, data, HTTP_ACCEPT_LANGUAGE="en")
    assert answer.status_code == 422
    assert answer.json()["errors"][field] == [str(message)]
    assert not SiteVisit.objects.exists()


def test_a_visitor_or_site_of_another_company_is_refused(
    clock, engineer_a, site_a, site_b, visitor_a, staff_b, prework
):
    client = bearer(engineer_a)
    answer = post_json(client, VISITS, payload(site_a, [visitor_a, staff_b[0]]))
    assert answer.status_code == 422 and "staff_ids" in answer.json()["errors"]
    answer = post_json(client, VISITS, payload(site_b, [visitor_a]))
    assert answer.status_code == 422 and "site_id" in answer.json()["errors"]
    assert not SiteVisit.objects.exists()


def test_another_companys_visit_is_404_to_read_and_to_act(clock, file_visit, manager_b):
    visit = file_visit()
    client = bearer(manager_b)
    assert client.get(f"{VISITS}/{visit.pk}").status_code == 404
    for action in ("decision", "check-in", "check-out"):
        assert (
            post_json(
                client,
                f"{VISITS}/{visit.pk}/{action}",
                {"decision": "approve", "times": [], "work_done": "x"},
            ).status_code
            == 404
        )
    assert client.get(VISITS).json()["items"] == []


def test_permission_matrix_of_filing(
    clock,
    make_user,
    site_a,
    visitor_a,
    prework,
    manager_a,
    engineer_a,
    trainee_a,
    owner,
    no_role_user,
):
    from registry.roles import Role

    expected = {
        manager_a: 201,
        engineer_a: 201,
        trainee_a: 403,
        owner: 403,
        no_role_user: 403,
        make_user(Role.DEPARTMENT_HEAD): 403,
    }
    for user, status in expected.items():
        answer = post_json(bearer(user), VISITS, payload(site_a, [visitor_a]))
        got = answer.status_code
        # Carrier users and people of no company see no contractor site: 422.
        assert got == status or (status == 403 and got == 422), (user, got)


def test_the_list_reads_a_fixed_number_of_queries(clock, file_visit, owner):
    client = bearer(owner)
    file_visit()
    one = list_queries(client, VISITS, rows=1)
    for _ in range(3):
        file_visit()
    assert list_queries(client, VISITS, rows=4) == one


def test_the_schema_lists_every_action():
    from django.test import Client

    paths = Client().get(f"{API}/openapi.json").json()["paths"]
    for path in (
        "/site-visits",
        "/site-visits/{visit_id}",
        "/site-visits/{visit_id}/decision",
        "/site-visits/{visit_id}/check-in",
        "/site-visits/{visit_id}/check-out",
    ):
        assert f"/api/v1{path}" in paths


def test_an_outsider_without_an_id_number_is_refused(
    clock, engineer_a, site_a, visitor_a, prework
):
    outsider = {"name": "周立", "company_name": "华为", "id_number": "", "phone": "137"}
    answer = post_json(
        bearer(engineer_a),
        VISITS,
        payload(site_a, [visitor_a], outsiders=[outsider], escort_id=visitor_a.pk),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert answer.status_code == 422
    message = services.OUTSIDER_ROW % {
        "row": 1,
        "problem": rules.OUTSIDER_NEEDS["id_number"],
    }
    assert answer.json()["errors"]["outsiders"] == [str(message)]
    assert not SiteVisit.objects.exists()
