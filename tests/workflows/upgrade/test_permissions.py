"""Role × step for the upgrade: only the step's group acts, the contractor only on
its own company's request; another company sees nothing of it."""

from datetime import timedelta

import pytest
from django.urls import reverse
from viewflow.workflow.models import Task

from registry.roles import Role
from workflows.services import task_act
from workflows.upgrade import actions

from ..api_clients import API, bearer, post_json
from ..matrix import case_run
from ..step_groups import step_group_publish
from .conftest import local, task_url
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


def offered(client, upgrade) -> bool:
    page = client.get("/queue/", {"tab": "offered"})
    assert page.status_code == 200
    return upgrade.reference in page.content.decode()


def test_a_review_group_changed_in_the_cms_takes_the_next_review(
    file_upgrade, make_user, client_for, maintenance, institute, province
):
    step_group_publish("upgrade.review", Role.DEPARTMENT_HEAD)
    holders = {"mm": maintenance, "inst": institute, "prov": province}
    upgrade = file_upgrade()
    task = task_at("review", upgrade, holders)
    head = make_user(Role.DEPARTMENT_HEAD)

    # The offer moved: the department heads see it, the institute no longer.
    assert offered(client_for(head), upgrade)
    assert not offered(client_for(institute), upgrade)

    # The old group may not take it: page, claim and API are refused.
    old = client_for(institute)
    assert old.get(task_url(upgrade, task)).status_code == 403
    claim = reverse("workflows:claim", args=[upgrade.pk, task.pk])
    assert old.post(claim).status_code in (403, 404, 409)
    review = f"{API}/upgrades/{upgrade.pk}/review"
    answer = post_json(bearer(institute), review, {"decision": "approve"})
    assert answer.status_code in (403, 404, 409)
    task.refresh_from_db()
    assert (task.owner_id, task.status) == (None, "NEW")

    # The new group takes it, through the API as a script does.
    answer = post_json(bearer(head), review, {"decision": "approve"})
    assert answer.status_code == 200, answer.json()
    task.refresh_from_db()
    assert (task.owner_id, task.status) == (head.pk, "DONE")
    assert open_human(upgrade).flow_task.name == "approval"


def test_a_table_without_the_steps_row_falls_back_to_the_role_group(
    file_upgrade, make_user, client_for, maintenance, institute, province
):
    step_group_publish("upgrade.review", None)
    holders = {"mm": maintenance, "inst": institute, "prov": province}
    upgrade = file_upgrade()
    task = task_at("review", upgrade, holders)
    assert offered(client_for(institute), upgrade)
    assert client_for(institute).get(task_url(upgrade, task)).status_code == 200
    head = client_for(make_user(Role.DEPARTMENT_HEAD))
    assert head.get(task_url(upgrade, task)).status_code == 403
