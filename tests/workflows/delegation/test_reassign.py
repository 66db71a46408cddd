"""Reassign (转办): the holder's lead moves a task to someone who may take it."""

import pytest
from django.urls import reverse

from registry.roles import Role
from workflows.models import Transition
from workflows.notes import notes_render

pytestmark = pytest.mark.django_db
# Who may move a company step's task (leave company approval, company A).
LEADS = {Role.CARRIER_ADMIN, Role.CONTRACTOR_MANAGER}


def url(task):
    return reverse("workflows:reassign", args=[task.process_id, task.pk])


def test_move_to_someone_who_may_not_take_the_step_is_refused(
    claimed_task, manager_a, carrier_admin, engineer_a, client_for
):
    response = client_for(carrier_admin).post(
        url(claimed_task), {"new_owner": engineer_a.pk, "reason": "出差"}
    )
    assert response.status_code == 200
    assert "may not take this step" in response.content.decode()
    claimed_task.refresh_from_db()
    assert claimed_task.owner_id == manager_a.pk
    assert not Transition.objects.filter(action="reassigned").exists()


def test_a_reason_is_required(
    claimed_task, manager_a, manager_a2, carrier_admin, client_for
):
    response = client_for(carrier_admin).post(
        url(claimed_task), {"new_owner": manager_a2.pk, "reason": "  "}
    )
    assert response.status_code == 200
    claimed_task.refresh_from_db()
    assert claimed_task.owner_id == manager_a.pk


def test_the_move_is_recorded_with_its_reason(
    claimed_task, manager_a, manager_a2, carrier_admin, client_for
):
    response = client_for(carrier_admin).post(
        url(claimed_task), {"new_owner": manager_a2.pk, "reason": "出差"}
    )
    assert response.status_code == 302
    claimed_task.refresh_from_db()
    assert claimed_task.owner_id == manager_a2.pk
    record = Transition.objects.get(action="reassigned", task_id=claimed_task.pk)
    assert (record.actor, record.comment) == (carrier_admin, "出差")
    assert "manager_a2" in notes_render(record.notes)
    page = client_for(manager_a2).get(reverse("queue:queue") + "?tab=mine")
    assert f'data-task="{claimed_task.pk}"' in page.content.decode()


@pytest.mark.parametrize("role", [r.value for r in Role])
def test_only_the_lead_may_move_it(
    role, claimed_task, manager_a, manager_a2, make_user, client_for
):
    actor = make_user(role)
    response = client_for(actor).post(
        url(claimed_task), {"new_owner": manager_a2.pk, "reason": "出差"}
    )
    claimed_task.refresh_from_db()
    if role in LEADS:
        assert response.status_code == 302
        assert claimed_task.owner_id == manager_a2.pk
    else:
        assert response.status_code in (403, 404)
        assert claimed_task.owner_id == manager_a.pk


def test_another_companys_manager_gets_404(
    claimed_task, manager_a, manager_a2, manager_b, client_for
):
    client = client_for(manager_b)
    assert client.get(url(claimed_task)).status_code == 404
    data = {"new_owner": manager_a2.pk, "reason": "出差"}
    assert client.post(url(claimed_task), data).status_code == 404
    claimed_task.refresh_from_db()
    assert claimed_task.owner_id == manager_a.pk


def test_api_reassign(
    claimed_task, manager_a, manager_a2, engineer_a, carrier_admin, client_for
):
    client = client_for(carrier_admin)
    api = f"/api/v1/delegation/tasks/{claimed_task.pk}/reassign"
    refused = client.post(
        api,
        {"new_owner_id": engineer_a.pk, "reason": "出差"},
        content_type="application/json",
    )
    assert refused.status_code == 422
    assert "new_owner" in refused.json()["errors"]
    moved = client.post(
        api,
        {"new_owner_id": manager_a2.pk, "reason": "出差"},
        content_type="application/json",
    )
    assert moved.status_code == 200, moved.content
    claimed_task.refresh_from_db()
    assert claimed_task.owner_id == manager_a2.pk
