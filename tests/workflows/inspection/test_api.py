"""``/api/v1/inspection-plans``: file, read, list and decide as a script does."""

import pytest
from django.utils import translation
from viewflow.workflow.models import Task

from registry.models import Site
from workflows.inspection import rules
from workflows.inspection.models import InspectionPlan

from ...factories import RegionFactory, SiteFactory
from ..api_clients import API, bearer, list_queries, post_json

pytestmark = pytest.mark.django_db
PLANS = f"{API}/inspection-plans"


def payload(region, site, template, months=(4, 5, 6), quarter=2):
    return {
        "region_id": region.pk,
        "year": 2026,
        "quarter": quarter,
        "rows": [
            {"site_id": site.pk, "template_id": template.pk, "month": m} for m in months
        ],
    }


def act(client, plan_id, action, comment=""):
    task = Task.objects.get(
        process_id=plan_id, flow_task_type="HUMAN", status__in=["NEW", "ASSIGNED"]
    )
    return post_json(
        client, f"{API}/tasks/{task.pk}/actions", {"action": action, "comment": comment}
    )


def test_filed_returned_and_approved_by_api(
    region, site_a, room_checklist, manager_a, carrier
):
    client = bearer(manager_a)
    created = post_json(client, PLANS, payload(region, site_a, room_checklist))
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["late"] is False and body["due_on"] == "2026-03-22"
    assert body["due_at"] and len(body["rows"]) == 3
    assert [h["action"] for h in body["history"]] == ["submitted", "routed"]
    assert act(client, body["id"], "approve").status_code == 403
    assert act(bearer(carrier), body["id"], "reject", "不行").status_code == 422
    assert act(bearer(carrier), body["id"], "return").status_code == 422
    assert act(bearer(carrier), body["id"], "approve").status_code == 200
    read = client.get(f"{PLANS}/{body['id']}").json()
    assert read["outcome"] == "approved"


@pytest.mark.parametrize(
    ("months", "message"),
    [((7,), rules.MONTH_NOT_IN_QUARTER), ((), rules.NO_ROWS)],
)
def test_bad_rows_are_a_translated_error_and_nothing_is_written(
    region, site_a, room_checklist, manager_a, months, message
):
    client = bearer(manager_a)
    for language in ("zh-hans", "en"):
        answer = post_json(
            client,
            PLANS,
            payload(region, site_a, room_checklist, months=months),
            HTTP_ACCEPT_LANGUAGE=language,
        )
        assert answer.status_code == 422, answer.content
        with translation.override(language):
            expected = str(message).split("%")[0]
            assert answer.json()["errors"]["rows"][0].startswith(expected)
    assert not InspectionPlan.objects.exists()


def test_another_companys_site_is_refused(region, site_b, room_checklist, manager_a):
    body = payload(region, site_b, room_checklist)
    answer = post_json(bearer(manager_a), PLANS, body)
    assert answer.status_code == 422
    assert not InspectionPlan.objects.exists()


def test_the_engineer_cannot_file(region, site_a, room_checklist, engineer_a):
    answer = post_json(
        bearer(engineer_a), PLANS, payload(region, site_a, room_checklist)
    )
    assert answer.status_code == 422
    assert not InspectionPlan.objects.exists()


def test_another_company_neither_reads_nor_decides(
    region, site_a, room_checklist, manager_a, manager_b
):
    plan_id = post_json(
        bearer(manager_a), PLANS, payload(region, site_a, room_checklist)
    ).json()["id"]
    client = bearer(manager_b)
    assert client.get(f"{PLANS}/{plan_id}").status_code == 404
    assert client.get(PLANS).json()["count"] == 0
    assert act(client, plan_id, "approve").status_code == 404


def test_the_list_takes_the_same_queries_for_more_plans(
    company_a, room_checklist, manager_a
):
    client = bearer(manager_a)

    def file(n):
        for _ in range(n):
            region = RegionFactory()
            site = SiteFactory(
                maintained_by=company_a, region=region, kind=Site.Kind.MACHINE_ROOM
            )
            answer = post_json(client, PLANS, payload(region, site, room_checklist))
            assert answer.status_code == 201, answer.content

    file(2)
    two = list_queries(client, PLANS, 2)
    file(8)
    assert list_queries(client, PLANS, 10) == two


def test_in_the_openapi_schema(client):
    schema = client.get(f"{API}/openapi.json").json()
    assert {"/api/v1/inspection-plans", "/api/v1/inspection-plans/{plan_id}"} <= set(
        schema["paths"]
    )
    assert "PlanIn" in schema["components"]["schemas"]
