"""Role × step × action: only the CMS-chosen group acts, only on its company."""

import pytest
from django.test import Client
from django.urls import reverse
from viewflow.workflow.models import Task

from registry.roles import Role

pytestmark = pytest.mark.django_db

# Who may take each step by default (groups chosen in the seeded CMS rules).
MAY_ACT = {
    "review": {Role.MAINTENANCE_MANAGER},
    "exception_review": {Role.DEPARTMENT_HEAD},
}


def step_task(submit, step):
    if step == "exception_review":
        submit(people_in=3)
        change = submit(people_in=1)
    else:
        change = submit(people_in=1)
    return change, Task.objects.get(process_id=change.pk, flow_task_type="HUMAN")


@pytest.mark.parametrize("step", sorted(MAY_ACT))
@pytest.mark.parametrize("role", [r.value for r in Role])
@pytest.mark.parametrize("action", ["open", "claim", "decide"])
def test_only_the_steps_group_may_act(
    step, role, action, submit, roster_a, make_user, client_for
):
    change, task = step_task(submit, step)
    client = client_for(make_user(role))
    task_url = reverse("workflows:task", args=[change.pk, task.pk])
    if action == "open":
        response = client.get(task_url)
    elif action == "claim":
        response = client.post(reverse("workflows:claim", args=[change.pk, task.pk]))
    else:
        response = client.post(task_url, {"decision": "approved", "comment": "同意"})
    if role in MAY_ACT[step]:
        assert response.status_code in (200, 302)
    else:
        # contractor roles of company A see the request but may not act (403);
        # nobody else gets further than that.
        assert response.status_code in (403, 404), (role, response.status_code)
        task.refresh_from_db()
        assert task.owner_id is None and task.status == "NEW"


def test_a_changed_review_group_in_the_cms_moves_the_step(
    submit, roster_a, make_user, client_for
):
    from django.contrib.auth.models import Group

    from home.models import StaffChangeRules

    rules = StaffChangeRules.objects.get()
    rules.review_group = Group.objects.get(name=Role.DEPARTMENT_HEAD)
    rules.save_revision().publish()
    change, task = step_task(submit, "review")
    url = reverse("workflows:task", args=[change.pk, task.pk])
    assert client_for(make_user(Role.MAINTENANCE_MANAGER)).get(url).status_code == 403
    assert client_for(make_user(Role.DEPARTMENT_HEAD)).get(url).status_code == 200


@pytest.mark.parametrize("name", ["task", "claim", "release"])
def test_every_post_needs_a_csrf_token(name, submit, roster_a, reviewer):
    change, task = step_task(submit, "review")
    client = Client(enforce_csrf_checks=True)
    client.force_login(reviewer)
    response = client.post(reverse(f"workflows:{name}", args=[change.pk, task.pk]))
    assert response.status_code == 403
    task.refresh_from_db()
    assert task.owner_id is None and task.status == "NEW"
