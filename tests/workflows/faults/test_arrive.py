"""Arriving on site (到场): only on on-site tickets, by the handling engineer,
with the phone's position flagged against the CMS limit, never refused."""

from decimal import Decimal

import pytest

from home.models import DeadlineRules

from ..api_clients import API, bearer, post_json
from .conftest import actions, open_task, task_url

pytestmark = pytest.mark.django_db
FAULTS = f"{API}/faults"


@pytest.fixture
def located(site_a):
    site_a.latitude, site_a.longitude = Decimal("30.208412"), Decimal("120.211935")
    site_a.save()
    return site_a


def test_a_remote_ticket_goes_from_accept_to_restore(dispatch, engineer_a, client_for):
    ticket = dispatch(level=1, mode="remote")
    client_for(engineer_a).post(task_url(ticket))
    assert open_task(ticket).flow_task.name == "restore"


def test_arrival_near_the_site_is_on_site(dispatch, located, engineer_a, client_for):
    ticket = dispatch(level=1, site=located)
    engineer = client_for(engineer_a)
    engineer.post(task_url(ticket))
    page = engineer.get(task_url(ticket))
    assert b"data-locate" in page.content and b'name="latitude"' in page.content
    answer = engineer.post(
        task_url(ticket),
        {"latitude": "30.209000", "longitude": "120.212000", "accuracy": "15"},
    )
    assert answer.status_code == 302
    ticket.refresh_from_db()
    assert ticket.state == "arrived" and ticket.arrived_at is not None
    assert ticket.arrival.flag == "within" and ticket.arrival.accuracy_m == 15
    assert open_task(ticket).flow_task.name == "restore"
    record = ticket.transitions.get(action="arrived")
    revision = DeadlineRules.objects.get().live_revision_id
    assert record.rules["revision_id"] == revision
    assert record.rules["flag"] == "within"


def test_arrival_far_away_is_flagged_not_refused(dispatch, located, engineer_a):
    ticket = dispatch(level=2, site=located)
    engineer = bearer(engineer_a)
    engineer.post(f"{FAULTS}/{ticket.pk}/accept")
    # Hangzhou East railway station: about 9 km from the site.
    answer = post_json(
        engineer,
        f"{FAULTS}/{ticket.pk}/arrive",
        {"latitude": 30.2913, "longitude": 120.2125},
    )
    assert answer.status_code == 200, answer.content
    arrival = answer.json()["arrival"]
    assert arrival["flag"] == "far" and arrival["distance_m"] > 8000
    assert arrival["limit_m"] == 500
    assert actions(ticket)[-1] == "arrived"


def test_arrival_without_consent_is_recorded_as_unknown(
    dispatch, located, engineer_a, client_for
):
    ticket = dispatch(level=1, site=located)
    engineer = client_for(engineer_a)
    engineer.post(task_url(ticket))
    assert engineer.post(task_url(ticket), {}).status_code == 302
    ticket.refresh_from_db()
    assert ticket.arrival.flag == "unknown" and ticket.arrival.latitude is None
    page = engineer.get(f"/requests/{ticket.pk}/")
    assert 'data-presence="unknown"' in page.content.decode()


def test_only_the_handling_engineer_arrives(
    dispatch, engineer_a, engineer_b, make_user, client_for
):
    ticket = dispatch(level=1)
    client_for(engineer_a).post(task_url(ticket))
    colleague = make_user("contractor_engineer", username="colleague")
    url = f"{FAULTS}/{ticket.pk}/arrive"
    # A colleague of the company: the step is the handler's (a conflict).
    assert post_json(bearer(colleague), url, {}).status_code == 409
    assert post_json(bearer(engineer_b), url, {}).status_code == 404
    assert client_for(colleague).post(task_url(ticket)).status_code == 409
    assert not actions(ticket).count("arrived")
