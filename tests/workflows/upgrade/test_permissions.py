"""Role × step for the upgrade: only the step's group acts, the contractor only on
its own company's request; another company sees nothing of it."""

from datetime import timedelta

import pytest
from django.urls import reverse
from viewflow.workflow.models import Task

from registry.roles import Role
from workflows.services import task_act
from workflows.upgrade import actions

from ..matrix import case_run
from .conftest import local
from .walk import WINDOW_END, WINDOW_START

pytestmark = pytest.mark.django_db

MAY_ACT = {
    "confirm": {Role.MAINTENANCE_MANAGER},
    "review": {Role.INSTITUTE_REVIEWER},
    "approval": {Role.PROVINCIAL_APPROVER},
    "report_start": {Role.CONTRACTOR_MANAGER},
}
ROLES = [r.value for r in Role] + ["other_company_manager"]
DATA = {
    "confirm": {"comment": ""},
    "review": {"decision": "approved", "comment": ""},
    "approval": {
        "decision": "approved",
        "approved_start": local(WINDOW_START),
        "approved_end": local(WINDOW_END),
    },
    "report_start": {"started_at": local(WINDOW_START + timedelta(minutes=1))},
}
BEFORE = {
    "review": [("mm", lambda kw: actions.confirm_record(**kw))],
    "approval": [
        ("mm", lambda kw: actions.confirm_record(**kw)),
        (
            "inst",
            lambda kw: actions.review_record(**kw, decision="approved", comment=""),
        ),
    ],
}
BEFORE["report_start"] = BEFORE["approval"] + [
    (
        "prov",
        lambda kw: actions.approval_record(
            **kw, decision="approved", comment="", start=WINDOW_START, end=WINDOW_END
        ),
    )
]


def open_human(upgrade):
    return Task.objects.get(process_id=upgrade.pk, flow_task_type="HUMAN", status="NEW")


def task_at(step, upgrade, holders):
    for who, write in BEFORE.get(step, []):
        user = holders[who]
        task_act(
            task_pk=open_human(upgrade).pk,
            user=user,
            act=lambda a, user=user, write=write: write(
                {"upgrade": a.process, "task": a.task, "user": user}
            ),
        )
    task = open_human(upgrade)
    assert task.flow_task.name == step
    return task


@pytest.mark.parametrize("step", sorted(MAY_ACT))
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", ["open", "decide"])
def test_only_the_steps_group_may_act(
    step,
    role,
    action,
    file_upgrade,
    clock,
    make_user,
    client_for,
    manager_a,
    maintenance,
    institute,
    province,
    company_b,
):
    holders = {"mm": maintenance, "inst": institute, "prov": province}
    task = task_at(step, file_upgrade(), holders)
    if step == "report_start":
        clock.move_to(WINDOW_START + timedelta(minutes=2))
    if role == "other_company_manager":
        actor = make_user(Role.CONTRACTOR_MANAGER, company_b)
    else:
        actor = make_user(role)
    holder = {"confirm": maintenance, "review": institute, "approval": province}
    case_run(
        client=client_for(actor),
        actor=actor,
        holder=holder.get(step, manager_a),
        task=task,
        action=action,
        may_act=role in MAY_ACT[step],
        decide_data=DATA[step],
    )


def test_another_company_gets_404_on_the_request_and_its_task(
    file_upgrade, manager_b, client_for
):
    upgrade = file_upgrade()
    client = client_for(manager_b)
    task = open_human(upgrade)
    assert (
        client.get(reverse("workflows:request", args=[upgrade.pk])).status_code == 404
    )
    url = reverse("workflows:task", args=[upgrade.pk, task.pk])
    assert client.post(url, {"comment": ""}).status_code == 404
    assert Task.objects.get(pk=task.pk).status == "NEW"


def test_an_engineer_may_not_file(file_upgrade, engineer_a):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        file_upgrade(user=engineer_a)
