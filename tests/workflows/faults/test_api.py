"""``/api/v1/faults``: dispatch, read, list and every human step, with the
same rights and isolation as the pages."""

import pytest
from django.utils import translation

from workflows.faults.models import FaultTicket
from workflows.faults.services import NEED_CAUSE, NOT_DISPATCHER

from ..api_clients import API, bearer, list_queries, post_json

pytestmark = pytest.mark.django_db
FAULTS = f"{API}/faults"


def body(site, **extra):
    return {
        "site_id": site.pk,
        "level": 1,
        "mode": "on_site",
        "description": "RRU 掉站",
        **extra,
    }


def test_dispatch_and_every_step_through_the_api(
    noc, site_a, engineer_a, carrier_admin
):
    made = post_json(bearer(noc), FAULTS, body(site_a))
    assert made.status_code == 201, made.content
    ticket = made.json()
    assert ticket["sla"]["hours"] == "5.00" or float(ticket["sla"]["hours"]) == 5
    assert ticket["state"] == "dispatched" and ticket["tier"] == "core_city"
    url = f"{FAULTS}/{ticket['id']}"
    engineer = bearer(engineer_a)
    assert engineer.post(f"{url}/accept").json()["state"] == "accepted"
    noted = post_json(engineer, f"{url}/progress", {"text": "到站"})
    assert noted.status_code == 200
    arrived = post_json(engineer, f"{url}/arrive", {})
    assert arrived.status_code == 200, arrived.content
    assert arrived.json()["arrival"]["flag"] == "unknown"
    restored = post_json(
        engineer, f"{url}/restore", {"cause": "电源", "measures": "换"}
    )
    assert restored.json()["state"] == "restored"
    assert post_json(engineer, f"{url}/report", {"report": "报告"}).status_code == 200
    admin = bearer(carrier_admin)
    sent_back = post_json(
        admin, f"{url}/confirm", {"decision": "returned", "comment": "告警仍在"}
    )
    assert sent_back.json()["state"] == "accepted"
    post_json(engineer, f"{url}/restore", {"cause": "电源", "measures": "再换"})
    done = post_json(admin, f"{url}/confirm", {"decision": "confirmed"})
    assert done.json()["state"] == "closed" and done.json()["status"] == "DONE"
    actions = [step["action"] for step in done.json()["history"]]
    assert actions == [
        "dispatched", "accepted", "progress", "arrived", "restored", "reported",
        "returned", "restored", "confirmed",
    ]  # fmt: skip
    again = post_json(admin, f"{url}/confirm", {"decision": "confirmed"})
    assert again.status_code == 409


def test_dispatch_is_idempotent_by_alarm_id(noc, site_a):
    client = bearer(noc)
    first = post_json(client, FAULTS, body(site_a, alarm_id="NMS-778812"))
    second = post_json(client, FAULTS, body(site_a, alarm_id="NMS-778812"))
    assert first.status_code == 201 and second.status_code == 200
    assert first.json()["id"] == second.json()["id"]
    assert FaultTicket.objects.count() == 1


@pytest.mark.parametrize(
    "change, field",
    [
        ({"level": 7}, "level"),
        ({"mode": "by_post"}, "mode"),
        ({"description": "  "}, "description"),
        ({"site_id": 999999}, "site_id"),
    ],
)
def test_bad_dispatch_is_refused_in_the_callers_language(noc, site_a, change, field):
    answer = post_json(
        bearer(noc), FAULTS, body(site_a, **change), HTTP_ACCEPT_LANGUAGE="zh-hans"
    )
    assert answer.status_code == 422
    assert field in answer.json()["errors"]
    assert FaultTicket.objects.count() == 0


def test_bad_restore_is_translated_and_writes_nothing(dispatch, engineer_a):
    ticket = dispatch()
    client = bearer(engineer_a)
    client.post(f"{FAULTS}/{ticket.pk}/accept")
    post_json(client, f"{FAULTS}/{ticket.pk}/arrive", {})
    answer = post_json(
        client,
        f"{FAULTS}/{ticket.pk}/restore",
        {"cause": " ", "measures": "x"},
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert answer.status_code == 422
    with translation.override("zh-hans"):
        assert answer.json()["errors"]["cause"] == [str(NEED_CAUSE)]
    ticket.refresh_from_db()
    assert ticket.restored_at is None and ticket.state == "arrived"
    assert not ticket.transitions.filter(action="restored").exists()


def test_only_the_monitoring_centre_dispatches(site_a, engineer_a, carrier_admin):
    for user in (engineer_a, carrier_admin):
        answer = post_json(bearer(user), FAULTS, body(site_a))
        assert answer.status_code == 403
        assert answer.json()["detail"] == str(NOT_DISPATCHER)


def test_another_company_gets_404_and_cannot_act(
    dispatch, site_b, engineer_a, engineer_b
):
    ticket = dispatch()  # site A: company A
    other = bearer(engineer_b)
    assert other.get(f"{FAULTS}/{ticket.pk}").status_code == 404
    assert other.post(f"{FAULTS}/{ticket.pk}/accept").status_code == 404
    assert other.get(FAULTS).json()["count"] == 0
    assert bearer(engineer_a).get(FAULTS).json()["count"] == 1


def test_the_carrier_admin_cannot_accept_nor_the_engineer_confirm(
    dispatch, engineer_a, carrier_admin
):
    ticket = dispatch(level=4)
    url = f"{FAULTS}/{ticket.pk}"
    assert bearer(carrier_admin).post(f"{url}/accept").status_code == 403
    engineer = bearer(engineer_a)
    engineer.post(f"{url}/accept")
    post_json(engineer, f"{url}/arrive", {})
    post_json(engineer, f"{url}/restore", {"cause": "c", "measures": "m"})
    refused = post_json(engineer, f"{url}/confirm", {"decision": "confirmed"})
    assert refused.status_code == 403


def test_list_queries_do_not_grow_with_rows(dispatch, noc):
    client = bearer(noc)
    dispatch()
    one = list_queries(client, FAULTS, 1)
    for _ in range(5):
        dispatch()
    assert list_queries(client, FAULTS, 6) == one


def test_every_fault_operation_is_in_the_schema(client):
    schema = client.get(f"{API}/openapi.json").json()
    paths = {path for path in schema["paths"] if path.startswith(FAULTS)}
    step = f"{FAULTS}/{{ticket_id}}"
    assert paths == {FAULTS, step} | {
        f"{step}/{name}"
        for name in (
            *("accept", "arrive", "progress", "restore", "report", "confirm"),
            *("analysis", "redispatch", "suspend", "suspend-decision", "resume"),
            *("return", "chase"),
        )
    }
