"""The ticket list (filters, isolation, queries), the request page's SLA clock,
the step pages' rights, and the dispatch page."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from viewflow.workflow.models import Task

from workflows.faults.models import FaultTicket
from workflows.live.groups import auth_group, company_group
from workflows.live.notify import groups_for_task

from .conftest import open_task, task_url

pytestmark = pytest.mark.django_db
LIST = "/requests/faults/"


def rows(page) -> set[int]:
    return {ticket.pk for ticket in page.context["tickets"]}


def test_list_filters_by_level_state_sla_site_and_company(
    dispatch, site_a, site_b, noc, client_for
):
    one = dispatch(level=1)
    three = dispatch(level=3)
    other = dispatch(level=2, site=site_b)
    FaultTicket.objects.filter(pk=three.pk).update(overdue=True)
    client = client_for(noc)
    assert rows(client.get(LIST)) == {one.pk, three.pk, other.pk}
    assert rows(client.get(LIST, {"level": 3})) == {three.pk}
    assert rows(client.get(LIST, {"site": site_b.pk})) == {other.pk}
    assert rows(client.get(LIST, {"company": site_b.maintained_by_id})) == {other.pk}
    assert rows(client.get(LIST, {"state": "dispatched"})) == {
        one.pk,
        three.pk,
        other.pk,
    }
    assert three.pk in rows(client.get(LIST, {"overdue": "overdue"}))
    assert one.pk not in rows(client.get(LIST, {"overdue": "warning"}))


def test_a_contractor_lists_only_its_own_and_gets_404_elsewhere(
    dispatch, site_b, engineer_a, engineer_b, client_for
):
    mine, theirs = dispatch(), dispatch(site=site_b)
    client = client_for(engineer_a)
    page = client.get(LIST)
    assert rows(page) == {mine.pk}
    assert "company" not in page.context["filters"].form.fields
    assert client.get(reverse("workflows:request", args=[theirs.pk])).status_code == 404
    assert client.get(task_url(theirs)).status_code == 404
    progress = reverse("workflows:fault_progress", args=[theirs.pk])
    assert client.post(progress, {"text": "x"}).status_code == 404


def test_list_queries_do_not_grow_with_rows(dispatch, noc, client_for):
    client = client_for(noc)
    dispatch()
    client.get(LIST)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(LIST)
    for _ in range(6):
        dispatch()
    with CaptureQueriesContext(connection) as many:
        page = client.get(LIST)
    assert len(page.context["tickets"]) == 7
    assert len(many) == len(few)


def test_the_request_page_shows_the_sla_clock(dispatch, noc, client_for):
    t0 = datetime(2026, 3, 2, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    with time_machine.travel(t0, tick=False):
        ticket = dispatch(level=1)
    url = reverse("workflows:request", args=[ticket.pk])
    with time_machine.travel(t0 + timedelta(hours=1), tick=False):
        html = client_for(noc).get(url).content.decode()
        assert 'data-sla="ok"' in html and "Restore within 5 h" in html
        assert "left" in html
    with time_machine.travel(t0 + timedelta(hours=4, minutes=1), tick=False):
        html = client_for(noc).get(url).content.decode()
        assert 'data-sla="warning"' in html
    with time_machine.travel(t0 + timedelta(hours=6), tick=False):
        html = client_for(noc).get(url).content.decode()
        assert 'data-sla="overdue"' in html


@pytest.mark.parametrize(
    "who, status",
    [
        ("engineer_a", 200),
        ("manager_a", 403),
        ("trainee_a", 403),
        ("noc", 403),
        ("carrier_admin", 403),
        ("engineer_b", 404),
    ],
)
def test_who_may_accept(dispatch, request, client_for, who, status):
    ticket = dispatch()
    client = client_for(request.getfixturevalue(who))
    assert client.get(task_url(ticket)).status_code == status
    assert client.post(task_url(ticket)).status_code in {status, 302}
    ticket.refresh_from_db()
    assert (ticket.accepted_at is not None) is (status == 200)


@pytest.mark.parametrize(
    "who, status",
    [("carrier_admin", 200), ("noc", 403), ("engineer_a", 403), ("manager_a", 403)],
)
def test_who_may_confirm(dispatch, engineer_a, request, client_for, who, status):
    ticket = dispatch(level=4)
    engineer = client_for(engineer_a)
    engineer.post(task_url(ticket))
    engineer.post(task_url(ticket))  # arrive
    engineer.post(task_url(ticket), {"cause": "c", "measures": "m"})
    assert open_task(ticket).flow_task.name == "confirm"
    page = client_for(request.getfixturevalue(who)).get(task_url(ticket))
    assert page.status_code == status


def test_only_the_monitoring_centre_opens_the_dispatch_page(
    noc, engineer_a, site_a, client_for
):
    url = reverse("workflows:fault_dispatch")
    assert client_for(engineer_a).get(url).status_code == 403
    client = client_for(noc)
    assert client.get(url).status_code == 200
    bad = client.post(url, {"site": site_a.pk, "level": 9, "mode": "on_site"})
    assert bad.status_code == 200 and FaultTicket.objects.count() == 0
    made = client.post(
        url,
        {"site": site_a.pk, "level": 2, "mode": "remote", "description": "板卡告警"},
    )
    assert made.status_code == 302
    ticket = FaultTicket.objects.get()
    assert ticket.company == site_a.maintained_by and ticket.requester == noc


def test_the_accept_step_is_announced_to_its_company_only(dispatch, engineer_a):
    ticket = dispatch()
    task = Task.objects.get(process_id=ticket.pk, flow_task_type="HUMAN")
    groups = groups_for_task(task)
    assert company_group(ticket.company_id) in groups
    engineers = engineer_a.groups.get().pk
    assert auth_group(engineers) not in groups


def test_progress_notes_only_by_the_handler(
    dispatch, engineer_a, make_user, client_for
):
    ticket = dispatch()
    client_for(engineer_a).post(task_url(ticket))
    colleague = make_user("contractor_engineer", username="colleague")
    url = reverse("workflows:fault_progress", args=[ticket.pk])
    assert client_for(colleague).post(url, {"text": "我来"}).status_code == 403
    assert not ticket.transitions.filter(action="progress").exists()
    assert client_for(engineer_a).post(url, {"text": "到站"}).status_code == 302
    assert ticket.transitions.filter(action="progress").count() == 1


def test_the_queue_flags_a_ticket_past_its_limit(dispatch, engineer_a, client_for):
    ticket = dispatch()
    queue = client_for(engineer_a).get(reverse("queue:queue"), {"tab": "offered"})
    assert "SLA overdue" not in queue.content.decode()
    FaultTicket.objects.filter(pk=ticket.pk).update(overdue=True)
    queue = client_for(engineer_a).get(reverse("queue:queue"), {"tab": "offered"})
    assert queue.status_code == 200 and "SLA overdue" in queue.content.decode()


@pytest.mark.parametrize(
    "language, text",
    [("en", "Core city, On site"), ("zh-hans", "核心城区，现场")],
)
def test_the_dispatch_note_speaks_the_readers_language(
    dispatch, noc, client_for, language, text
):
    ticket = dispatch()
    client = client_for(noc)
    client.cookies["django_language"] = language
    html = client.get(reverse("workflows:request", args=[ticket.pk])).content.decode()
    assert text in html


def test_no_filter_is_chosen_until_asked(dispatch, noc, client_for):
    dispatch(level=2)
    html = client_for(noc).get(LIST).content.decode()
    select = html.split('name="level"')[1].split("</select>")[0]
    assert select.count("selected") == 1 and '<option value="" selected>' in select
