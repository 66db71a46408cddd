"""Role × step × action: only the CMS-chosen group acts, only on its company."""

import pytest
from django.test import Client
from django.urls import reverse
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from registry.roles import Role
from workflows.services import task_act
from workflows.staff_change.services import decision_record

from ..matrix import ACTIONS, case_run
from .rows import rows

pytestmark = pytest.mark.django_db

# Who may take each step by default (groups chosen in the seeded CMS rules);
# "requester" is the manager who filed the change (company A).
MAY_ACT = {
    "review": {Role.MAINTENANCE_MANAGER},
    "exception_review": {Role.DEPARTMENT_HEAD},
    "revise": {"requester"},
}
HOLDER = {"review": Role.MAINTENANCE_MANAGER, "exception_review": Role.DEPARTMENT_HEAD}
DECIDE = {
    "review": {"decision": "approved", "comment": "同意"},
    "exception_review": {"decision": "approved", "comment": "同意"},
}


def revise_data(contract):
    return {
        "contract": contract.pk,
        "kind": "add",
        **rows({"name": "赵六", "phone": "13800000000", "qualifications": "电工证"}),
        "reason": "补充资质后重新提交",
        "effective_date": "2025-06-01",
    }


def step_task(submit, step, reviewer=None):
    if step == "exception_review":
        submit(people_in=3)
        change = submit(people_in=1)
    else:
        change = submit(people_in=1)
    task = Task.objects.get(process_id=change.pk, flow_task_type="HUMAN")
    if step == "revise":
        task_act(
            task_pk=task.pk,
            user=reviewer,
            act=lambda activation: decision_record(
                change=activation.process,
                task=activation.task,
                user=reviewer,
                decision="returned",
                comment="请补充资质",
            ),
        )
        task = Task.objects.get(process_id=change.pk, flow_task__endswith="revise")
    return change, task


ROLES = [r.value for r in Role] + ["requester"]
# The requester's own revise task cannot be taken from someone else.
CASES = [
    (step, role, action)
    for step in sorted(MAY_ACT)
    for role in ROLES
    for action in ACTIONS
    if (step, role, action) != ("revise", "requester", "reassign")
]


@pytest.mark.parametrize(("step", "role", "action"), CASES)
def test_only_the_steps_group_may_act(
    step,
    role,
    action,
    submit,
    roster_a,
    make_user,
    client_for,
    manager_a,
    reviewer,
    contract_a,
):
    change, task = step_task(submit, step, reviewer)
    actor = manager_a if role == "requester" else make_user(role)
    holder = manager_a if step == "revise" else make_user(HOLDER[step])
    case_run(
        client=client_for(actor),
        actor=actor,
        holder=holder,
        task=task,
        action=action,
        may_act=role in MAY_ACT[step],
        decide_data=DECIDE.get(step) or revise_data(contract_a),
    )


@pytest.mark.parametrize("role", ROLES)
def test_a_revise_task_left_unassigned_is_claimed_by_nobody(
    role, submit, roster_a, make_user, client_for, manager_a, reviewer
):
    """Before releasing it was refused, its owner could leave it to anyone."""
    change, task = step_task(submit, "revise", reviewer)
    Task.objects.filter(pk=task.pk).update(owner=None, status=STATUS.NEW)
    actor = manager_a if role == "requester" else make_user(role)
    client = client_for(actor)
    claim = client.post(reverse("workflows:claim", args=[change.pk, task.pk]))
    page = client.get(reverse("workflows:task", args=[change.pk, task.pk]))
    assert (claim.status_code, page.status_code) in {(403, 403), (404, 404)}
    task.refresh_from_db()
    assert (task.owner_id, task.status) == (None, STATUS.NEW)


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
