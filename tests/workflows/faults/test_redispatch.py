"""Re-dispatch (转派): the monitoring centre hands a ticket to another company
with a reason; the new company sees and takes it, the first no longer does."""

import pytest
from django.urls import reverse
from viewflow.workflow.models import Task

from workflows.faults.actions import NEED_REDISPATCH_REASON, NOT_REDISPATCHABLE
from workflows.faults.models import FaultTicket

from ..api_clients import API, bearer, post_json
from .conftest import actions, open_task, task_url

pytestmark = pytest.mark.django_db
FAULTS = f"{API}/faults"


def redispatch(client, ticket, company, reason="北方公司负责该站"):
    url = reverse("workflows:fault_redispatch", args=[ticket.pk])
    return client.post(url, {"company": company.pk, "reason": reason})


def test_the_new_company_sees_and_takes_it_and_the_first_no_longer_does(
    dispatch, noc, engineer_a, engineer_b, company_b, client_for
):
    ticket = dispatch(level=2)
    first = client_for(engineer_a)
    first.post(task_url(ticket))  # accepted
    first.post(task_url(ticket))  # on site: engineer A holds the restore step
    held = open_task(ticket)
    assert held.flow_task.name == "restore"

    assert redispatch(client_for(noc), ticket, company_b).status_code == 302

    ticket.refresh_from_db()
    assert ticket.company_id == company_b.pk and ticket.accepted_by is None
    assert ticket.state == FaultTicket.State.DISPATCHED
    page = reverse("workflows:request", args=[ticket.pk])
    assert first.get(page).status_code == 404
    assert ticket.reference not in first.get(reverse("workflows:fault_list")).text
    assert bearer(engineer_a).get(f"{FAULTS}/{ticket.pk}").status_code == 404
    second = client_for(engineer_b)
    assert second.get(page).status_code == 200
    assert open_task(ticket).flow_task.name == "accept"
    assert second.post(task_url(ticket)).status_code == 302
    ticket.refresh_from_db()
    assert ticket.accepted_by == engineer_b
    # The first holder's step went with its SLA timers; the new one has its own.
    held.refresh_from_db()
    assert held.status == "CANCELED"
    assert not held.leading.filter(status="SCHEDULED").exists()
    armed = Task.objects.filter(process_id=ticket.pk, status="SCHEDULED")
    assert armed.count() == 2
    step = ticket.transitions.get(action="redispatched")
    assert step.actor == noc and step.comment == "北方公司负责该站"
    assert step.notes[0]["key"] == "faults.redispatched"
    assert actions(ticket)[-2:] == ["redispatched", "accepted"]


def test_a_redispatch_needs_a_reason_and_an_open_ticket(
    dispatch, noc, engineer_a, company_b, client_for
):
    ticket = dispatch(level=3)
    noc_client = client_for(noc)
    answer = redispatch(noc_client, ticket, company_b, reason=" ")
    assert answer.status_code == 302
    shown = [str(m) for m in noc_client.get(answer.url).context["messages"]]
    assert shown == [str(NEED_REDISPATCH_REASON)]
    ticket.refresh_from_db()
    assert ticket.company_id != company_b.pk
    engineer = client_for(engineer_a)
    engineer.post(task_url(ticket))  # accept
    engineer.post(task_url(ticket))  # arrive on site
    engineer.post(task_url(ticket), {"cause": "c", "measures": "m"})
    refused = post_json(
        bearer(noc),
        f"{FAULTS}/{ticket.pk}/redispatch",
        {"company_id": company_b.pk, "reason": "转派"},
    )
    assert refused.status_code == 422
    assert str(NOT_REDISPATCHABLE) in refused.text
    assert "redispatched" not in actions(ticket)


def test_only_the_monitoring_centre_redispatches(
    dispatch, engineer_a, engineer_b, manager_a, carrier_admin, company_b, client_for
):
    ticket = dispatch(level=3)
    assert redispatch(client_for(engineer_a), ticket, company_b).status_code == 403
    assert redispatch(client_for(engineer_b), ticket, company_b).status_code == 404
    body = {"company_id": company_b.pk, "reason": "转派"}
    url = f"{FAULTS}/{ticket.pk}/redispatch"
    assert post_json(bearer(manager_a), url, body).status_code == 403
    assert post_json(bearer(engineer_b), url, body).status_code == 404
    assert post_json(bearer(carrier_admin), url, body).status_code == 403
    ticket.refresh_from_db()
    assert ticket.company_id != company_b.pk


def test_redispatch_through_the_api(dispatch, noc, engineer_b, company_b):
    ticket = dispatch(level=3)
    moved = post_json(
        bearer(noc),
        f"{FAULTS}/{ticket.pk}/redispatch",
        {"company_id": company_b.pk, "reason": "转派北方"},
    )
    assert moved.status_code == 200, moved.content
    assert moved.json()["history"][-1]["action"] == "redispatched"
    took = bearer(engineer_b).post(f"{FAULTS}/{ticket.pk}/accept")
    assert took.status_code == 200 and took.json()["state"] == "accepted"
