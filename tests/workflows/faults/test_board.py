"""The dispatch board (调度台): open tickets with their SLA state, filters,
rights, a constant number of queries, and a live event per saved ticket."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import RegionFactory, SiteFactory
from workflows.live.groups import auth_group

from .conftest import task_url

pytestmark = pytest.mark.django_db
BOARD = reverse("workflows:fault_board")
ROWS = reverse("workflows:fault_board_rows")


def shown(page) -> set[int]:
    return {t.pk for t in page.context["tickets"]}


@pytest.mark.parametrize(
    "who, status",
    [("noc", 200), ("carrier_admin", 200), ("engineer_a", 403), ("manager_a", 403)],
)
def test_who_sees_the_board(request, client_for, who, status):
    client = client_for(request.getfixturevalue(who))
    assert client.get(BOARD).status_code == status
    assert client.get(ROWS).status_code == status


def test_board_filters_by_level_region_company_and_state(
    dispatch, noc, site_b, engineer_a, client_for, company_a
):
    island = RegionFactory(code="islands", name_zh="海岛", name_en="Islands")
    far = SiteFactory(code="zs-01", maintained_by=company_a, region=island)
    one = dispatch(level=1)
    two = dispatch(level=2, site=far)
    three = dispatch(level=3, site=site_b)
    client_for(engineer_a).post(task_url(one))  # accepted
    client = client_for(noc)
    assert shown(client.get(BOARD)) == {one.pk, two.pk, three.pk}
    assert shown(client.get(BOARD, {"level": 2})) == {two.pk}
    assert shown(client.get(BOARD, {"region": island.pk})) == {two.pk}
    assert shown(client.get(BOARD, {"company": site_b.maintained_by_id})) == {three.pk}
    assert shown(client.get(BOARD, {"state": "accepted"})) == {one.pk}


def test_a_closed_ticket_leaves_the_board(dispatch, noc, client_for):
    ticket = dispatch(level=4, mode="remote")
    type(ticket).objects.filter(pk=ticket.pk).update(finished=ticket.created)
    assert shown(client_for(noc).get(BOARD)) == set()


def test_one_row_fragment_follows_the_filters(dispatch, noc, client_for):
    ticket = dispatch(level=1)
    client = client_for(noc)
    row = client.get(ROWS, {"pk": ticket.pk}).content.decode()
    assert f'data-ticket="{ticket.pk}"' in row and 'data-due="' in row
    other = client.get(ROWS, {"pk": ticket.pk, "level": 3}).content.decode()
    assert f'data-ticket="{ticket.pk}"' not in other


def test_board_queries_do_not_grow_with_rows(dispatch, noc, client_for, site_b):
    client = client_for(noc)
    dispatch()
    client.get(BOARD)
    with CaptureQueriesContext(connection) as few:
        client.get(BOARD)
    for level in (1, 2, 3, 4, 1, 2):
        dispatch(level=level, site=site_b)
    with CaptureQueriesContext(connection) as many:
        page = client.get(BOARD)
    assert len(page.context["tickets"]) == 7
    assert len(many) == len(few)


def test_a_saved_ticket_is_announced_to_the_dispatchers(
    dispatch, noc, django_capture_on_commit_callbacks, monkeypatch
):
    sent = []
    monkeypatch.setattr(
        "workflows.live.events.send_now",
        lambda groups, payload, event_id="": sent.append((groups, payload)),
    )
    with django_capture_on_commit_callbacks(execute=True):
        ticket = dispatch(level=1)
    group = auth_group(noc.groups.get().pk)
    assert ([group], {"fault": ticket.pk}) in sent
