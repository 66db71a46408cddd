"""``/api/v1/upgrades``: file, read, list and take every step as a script does."""

from datetime import timedelta

import pytest
from viewflow.workflow.status import PROCESS

from workflows.upgrade.models import SoftwareUpgrade

from ..api_clients import API, bearer, list_queries, post_json
from .conftest import NOW, pdf
from .walk import WINDOW_END, WINDOW_START

pytestmark = pytest.mark.django_db
URL = f"{API}/upgrades"


def form(site, **extra):
    values = {
        "system": "OTN 传输网管",
        "site_ids": [site.pk],
        "current_version": "R3",
        "target_version": "R4",
        "reason": "厂家补丁",
        "need_date": (NOW.date() + timedelta(days=14)).isoformat(),
        "proposed_start": (NOW + timedelta(days=9)).isoformat(),
        "proposed_end": (NOW + timedelta(days=9, hours=2)).isoformat(),
        "spare_parts": "false",
        "plan": pdf("plan.pdf"),
        "difference": pdf("diff.pdf"),
        "test_report": pdf("report.pdf"),
    }
    values.update(extra)
    return {k: v for k, v in values.items() if v is not None}


@pytest.fixture
def api(manager_a, maintenance, institute, province):
    return {
        "lead": bearer(manager_a),
        "mm": bearer(maintenance),
        "inst": bearer(institute),
        "prov": bearer(province),
    }


def file(api, site, **extra):
    answer = api["lead"].post(URL, form(site, **extra))
    assert answer.status_code == 201, answer.json()
    return answer.json()


def step(api, who, upgrade_id, path, data):
    return post_json(api[who], f"{URL}/{upgrade_id}/{path}", data)


def to_window(api, upgrade_id, clock):
    assert step(api, "mm", upgrade_id, "confirm", {}).status_code == 200
    assert (
        step(api, "inst", upgrade_id, "review", {"decision": "approve"}).status_code
        == 200
    )
    approved = step(
        api,
        "prov",
        upgrade_id,
        "approval",
        {
            "decision": "approve",
            "approved_start": WINDOW_START.isoformat(),
            "approved_end": WINDOW_END.isoformat(),
        },
    )
    assert approved.status_code == 200, approved.json()
    assert approved.json()["open_step"] == "report_start"
    clock.move_to(WINDOW_START + timedelta(minutes=5))


def test_file_and_read(api, site_a, clock):
    body = file(api, site_a)
    assert body["reference"].startswith("UP-") and body["site_ids"] == [site_a.pk]
    assert body["open_step"] == "confirm" and body["confirmation_due"]
    assert body["history"][0]["action"] == "submitted"
    again = api["lead"].get(f"{URL}/{body['id']}").json()
    assert again["id"] == body["id"]


def test_a_missing_document_is_refused_and_nothing_written(api, site_a, clock):
    answer = api["lead"].post(URL, form(site_a, test_report=None))
    assert answer.status_code == 422
    assert not SoftwareUpgrade.objects.exists()


def test_a_window_in_the_past_is_refused(api, site_a, clock):
    start = (NOW - timedelta(hours=1)).isoformat()
    answer = api["lead"].post(URL, form(site_a, proposed_start=start))
    assert answer.status_code == 422
    assert "proposed_start" in answer.json()["errors"]
    assert not SoftwareUpgrade.objects.exists()


def test_another_companys_site_is_refused(api, site_b, clock):
    answer = api["lead"].post(URL, form(site_b))
    assert answer.status_code == 422 and "site_ids" in answer.json()["errors"]


def test_success_through_the_api(api, site_a, clock):
    upgrade_id = file(api, site_a, spare_parts="true")["id"]
    to_window(api, upgrade_id, clock)
    start = {"started_at": (WINDOW_START + timedelta(minutes=5)).isoformat()}
    assert step(api, "lead", upgrade_id, "start", start).status_code == 200
    end = {
        "ended_at": (WINDOW_START + timedelta(minutes=5)).isoformat(),
        "result": "succeeded",
        "result_note": "完成",
    }
    assert (
        step(api, "lead", upgrade_id, "end", end).json()["open_step"] == "spare_parts"
    )
    step(api, "lead", upgrade_id, "spare-parts", {"note": "备件已升级"})
    done = step(api, "lead", upgrade_id, "service-record", {"record": "完成"})
    assert done.status_code == 200 and done.json()["outcome"] == "completed"
    assert done.json()["status"] == PROCESS.DONE


def test_failure_and_rollback_through_the_api(api, site_a, clock):
    upgrade_id = file(api, site_a)["id"]
    to_window(api, upgrade_id, clock)
    moment = (WINDOW_START + timedelta(minutes=5)).isoformat()
    step(api, "lead", upgrade_id, "start", {"started_at": moment})
    end = {"ended_at": moment, "result": "failed", "result_note": "加载失败"}
    assert step(api, "lead", upgrade_id, "end", end).json()["open_step"] == "rollback"
    refused = step(
        api,
        "lead",
        upgrade_id,
        "rollback",
        {"rolled_back": False, "failure_report": "x"},
    )
    assert refused.status_code == 422 and "rolled_back" in refused.json()["errors"]
    done = step(
        api,
        "lead",
        upgrade_id,
        "rollback",
        {"rolled_back": True, "failure_report": "已回退"},
    )
    assert done.json()["outcome"] == "failed"
    clock.move_to(NOW)
    follow = file(api, site_a, follows_id=str(upgrade_id))
    assert follow["follows_id"] == upgrade_id


def test_return_and_reject_through_the_generic_task_action(api, site_a, clock):
    from viewflow.workflow.models import Task

    upgrade_id = file(api, site_a)["id"]
    step(api, "mm", upgrade_id, "confirm", {})
    task = Task.objects.get(process_id=upgrade_id, status="NEW", flow_task_type="HUMAN")
    answer = post_json(
        api["inst"],
        f"{API}/tasks/{task.pk}/actions",
        {"action": "return", "comment": "补材料"},
    )
    assert answer.status_code == 200
    assert api["lead"].get(f"{URL}/{upgrade_id}").json()["open_step"] == "revise"


def test_starting_outside_the_window_is_refused_with_the_reason(api, site_a, clock):
    upgrade_id = file(api, site_a)["id"]
    to_window(api, upgrade_id, clock)
    clock.move_to(WINDOW_END + timedelta(minutes=1))
    moment = (WINDOW_END + timedelta(minutes=1)).isoformat()
    answer = step(api, "lead", upgrade_id, "start", {"started_at": moment})
    assert answer.status_code == 422
    assert "closed at" in answer.json()["errors"]["started_at"][0]
    assert SoftwareUpgrade.objects.get(pk=upgrade_id).started_at is None


def test_a_step_the_user_does_not_hold_is_403_and_another_company_404(
    api, site_a, clock, manager_b
):
    upgrade_id = file(api, site_a)["id"]
    assert step(api, "inst", upgrade_id, "confirm", {}).status_code == 403
    other = bearer(manager_b)
    assert other.get(f"{URL}/{upgrade_id}").status_code == 404
    assert post_json(other, f"{URL}/{upgrade_id}/confirm", {}).status_code == 404
    assert other.get(URL).json()["count"] == 0


def test_the_list_takes_the_same_queries_for_one_row_or_many(api, site_a, clock):
    file(api, site_a)
    one = list_queries(api["mm"], URL, rows=1)
    for _ in range(3):
        file(api, site_a)
    assert list_queries(api["mm"], URL, rows=4) == one


def test_every_action_is_in_the_schema(client):
    paths = client.get(f"{API}/openapi.json").json()["paths"]
    for path in (
        "confirm",
        "review",
        "approval",
        "start",
        "end",
        "rollback",
        "spare-parts",
        "service-record",
    ):
        assert f"{URL}/{{upgrade_id}}/{path}" in paths
    assert "post" in paths[URL] and "get" in paths[URL]
