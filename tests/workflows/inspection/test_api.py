"""``/api/v1/inspection-plans``, ``/inspections`` and ``/inspection-findings``:
file, read, list and decide plans, read inspections carried out, read and
follow up findings, as a script does."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from viewflow.workflow.models import Task

from registry.models import Site
from registry.roles import Role
from workflows.inspection import findings as follow
from workflows.inspection import rules
from workflows.inspection.execution import answer_save, execution_submit, finding_add
from workflows.inspection.models import InspectionPlan

from ...factories import RegionFactory, SiteFactory
from ..api_clients import API, bearer, list_queries, post_json
from .conftest import plan_approve
from .test_execution import PNG

pytestmark = pytest.mark.django_db
PLANS = f"{API}/inspection-plans"
INSPECTIONS = f"{API}/inspections"
FINDINGS = f"{API}/inspection-findings"


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


def inspect(row, user, **values):
    """Save ``values`` on ``row``; the reading findings they open, by key."""
    found = {}
    for key, raw in values.items():
        found[key] = answer_save(row=row, user=user, key=key, raw=raw)[1]
    return found


@pytest.fixture
def reading(row, engineer_a):
    """A finding: an earth resistance of 7 Ω on this month's inspection."""
    return inspect(row, engineer_a, earth="7", volts="380")["earth"]


@pytest.fixture
def monitor(make_user):
    return make_user(Role.MONITORING_CENTRE)


def test_an_inspection_reads_with_its_item_values_and_findings(
    row, reading, engineer_a, carrier
):
    execution = row.execution
    for client in (bearer(engineer_a), bearer(carrier)):
        body = client.get(f"{INSPECTIONS}/{execution.pk}").json()
        assert body["row_id"] == row.pk and body["submitted_at"] is None
        values = {a["item_key"]: a for a in body["answers"]}
        assert values["earth"]["number"] == "7.000"
        assert values["volts"]["label"] and values["volts"]["kind"] == "number"
        assert [f["id"] for f in body["findings"]] == [reading.pk]
        listed = client.get(INSPECTIONS).json()
        assert [x["id"] for x in listed["items"]] == [execution.pk]
        assert len(listed["items"][0]["answers"]) == 2


def test_inspections_filter_by_submitted_and_site(
    row, reading, engineer_a, site_a, site_b
):
    client = bearer(engineer_a)
    assert client.get(f"{INSPECTIONS}?submitted=true").json()["count"] == 0
    assert client.get(f"{INSPECTIONS}?submitted=false").json()["count"] == 1
    assert client.get(f"{INSPECTIONS}?site={site_a.pk}").json()["count"] == 1
    foreign = client.get(f"{INSPECTIONS}?site={site_b.pk}")
    assert foreign.status_code == 422 and set(foreign.json()) == {"detail", "errors"}
    inspect(row, engineer_a, lights_ok="yes", cabinet="A-01")
    execution_submit(row=row, user=engineer_a)
    assert client.get(f"{INSPECTIONS}?submitted=true").json()["count"] == 1


def test_another_company_neither_reads_nor_follows_up(row, reading, manager_b, monitor):
    client = bearer(manager_b)
    assert client.get(f"{INSPECTIONS}/{row.execution.pk}").status_code == 404
    assert client.get(f"{FINDINGS}/{reading.pk}").status_code == 404
    assert client.get(INSPECTIONS).json()["count"] == 0
    assert client.get(FINDINGS).json()["count"] == 0
    url = f"{FINDINGS}/{reading.pk}/schedule"
    answer = post_json(client, url, {"due_date": "2026-03-20"})
    assert answer.status_code == 404 and set(answer.json()) == {"detail", "errors"}
    photo = SimpleUploadedFile("p.png", PNG, content_type="image/png")
    rectify = client.post(
        f"{FINDINGS}/{reading.pk}/rectify", {"note": "x", "photo": photo}
    )
    assert rectify.status_code == 404
    ticket = {"level": 3, "mode": "on_site"}
    assert (
        post_json(client, f"{FINDINGS}/{reading.pk}/ticket", ticket).status_code == 404
    )
    reading.refresh_from_db()
    assert not reading.follow_up and reading.fault_ticket_id is None


def test_a_finding_is_scheduled_and_its_date_checked(reading, engineer_a):
    client = bearer(engineer_a)
    url = f"{FINDINGS}/{reading.pk}/schedule"
    past = post_json(client, url, {"due_date": "2026-03-01"}, HTTP_ACCEPT_LANGUAGE="en")
    assert past.status_code == 422
    assert past.json()["errors"] == {"due_date": ["The date cannot be in the past."]}
    answer = post_json(client, url, {"due_date": "2026-03-20", "note": "下周换"})
    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert body["follow_up"] == "scheduled" and body["due_date"] == "2026-03-20"
    assert body["is_open"] and not body["overdue"]


def test_a_finding_is_rectified_on_the_spot_with_a_photo(reading, engineer_a):
    client = bearer(engineer_a)
    url = f"{FINDINGS}/{reading.pk}/rectify"
    missing = client.post(url, {"note": "重新压接地线"})
    assert missing.status_code == 422 and "photo" in missing.json()["errors"]
    fake = SimpleUploadedFile("p.txt", b"x", content_type="text/plain")
    assert client.post(url, {"note": "重新压接", "photo": fake}).status_code == 422
    photo = SimpleUploadedFile("p.png", PNG, content_type="image/png")
    answer = client.post(url, {"note": "重新压接地线", "photo": photo})
    assert answer.status_code == 200, answer.content
    assert answer.json()["has_photo"] and not answer.json()["is_open"]
    photo = SimpleUploadedFile("p.png", PNG, content_type="image/png")
    again = client.post(url, {"note": "又一次", "photo": photo})
    assert again.status_code == 422
    reading.refresh_from_db()
    assert reading.note == "重新压接地线"


def test_a_ticket_opened_from_a_finding_once(reading, monitor, engineer_a):
    url = f"{FINDINGS}/{reading.pk}/ticket"
    body = {"level": 3, "mode": "on_site"}
    refused = post_json(bearer(engineer_a), url, body)
    assert refused.status_code == 403
    client = bearer(monitor)
    first = post_json(client, url, body, HTTP_IDEMPOTENCY_KEY="t-1")
    assert first.status_code == 201, first.content
    assert first.json()["fault_ticket_id"] and first.json()["follow_up"] == "ticket"
    retried = post_json(client, url, body, HTTP_IDEMPOTENCY_KEY="t-1")
    assert retried.json() == first.json()
    second = post_json(client, url, body)
    assert second.status_code == 422
    reading.refresh_from_db()
    assert list(reading.fault_ticket.inspection_findings.all()) == [reading]


def test_rights_follow_the_pages(reading, carrier, no_role_user, client):
    assert bearer(carrier).get(f"{FINDINGS}/{reading.pk}").status_code == 200
    url = f"{FINDINGS}/{reading.pk}/schedule"
    answer = post_json(bearer(carrier), url, {"due_date": "2026-03-20"})
    assert answer.status_code == 403 and set(answer.json()) == {"detail", "errors"}
    nobody = bearer(no_role_user)
    assert nobody.get(FINDINGS).status_code == 403
    assert nobody.get(INSPECTIONS).status_code == 403
    assert client.get(FINDINGS).status_code == 401


def test_findings_filter_by_source_and_open(reading, row, engineer_a, carrier):
    finding_add(row=row, user=engineer_a, description="门锁坏了")
    client = bearer(carrier)
    assert client.get(f"{FINDINGS}?source=manual").json()["count"] == 1
    assert client.get(f"{FINDINGS}?source=reading").json()["count"] == 1
    assert client.get(f"{FINDINGS}?source=nope").status_code == 422
    follow.finding_follow_up(
        finding=reading,
        user=engineer_a,
        follow_up="rectified",
        note="好了",
        photo=SimpleUploadedFile("p.png", PNG, content_type="image/png"),
    )
    assert client.get(f"{FINDINGS}?open_only=true").json()["count"] == 1
    assert client.get(FINDINGS).json()["count"] == 2


@pytest.mark.parametrize("who", ["carrier", "engineer_a"])
def test_inspection_and_finding_lists_cost_the_same_for_more_rows(
    request, who, file_plan, site_a, site_a2, carrier, engineer_a
):
    plan = plan_approve(file_plan(quarter=1, sites=[site_a, site_a2]), carrier)
    rows = list(plan.rows.all())
    client = bearer(request.getfixturevalue(who))

    def carry_out(some):
        for row in some:
            inspect(row, engineer_a, earth="7", volts="380")
            finding_add(row=row, user=engineer_a, description="门锁坏了")

    carry_out(rows[:2])
    few = [list_queries(client, INSPECTIONS, 2), list_queries(client, FINDINGS, 4)]
    carry_out(rows[2:])
    assert [
        list_queries(client, INSPECTIONS, 6),
        list_queries(client, FINDINGS, 12),
    ] == few


def test_findings_and_inspections_in_the_openapi_schema(client):
    schema = client.get(f"{API}/openapi.json").json()
    paths = schema["paths"]
    assert {"source", "open_only", "site", "company"} <= {
        p["name"] for p in paths["/api/v1/inspection-findings"]["get"]["parameters"]
    }
    ticket = paths["/api/v1/inspection-findings/{finding_id}/ticket"]["post"]
    assert {"201", "403", "404", "409", "422"} <= set(ticket["responses"])
    rectify = paths["/api/v1/inspection-findings/{finding_id}/rectify"]["post"]
    assert "multipart/form-data" in rectify["requestBody"]["content"]
    assert "403" in paths["/api/v1/inspections"]["get"]["responses"]
