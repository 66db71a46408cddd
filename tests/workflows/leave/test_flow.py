"""The leave flow driven through its real pages."""

import pytest
from django.urls import reverse
from viewflow.workflow.models import Task
from viewflow.workflow.status import PROCESS

from home.rules import current_rules
from workflows.leave.services import COMMENT_REQUIRED

pytestmark = pytest.mark.django_db


def open_task(leave):
    return Task.objects.get(process_id=leave.pk, status__in=["NEW", "ASSIGNED"])


def task_url(leave, task):
    return reverse("workflows:task", args=[leave.pk, task.pk])


def decide(client, leave, decision, comment=""):
    task = open_task(leave)
    return client.post(
        task_url(leave, task), {"decision": decision, "comment": comment}
    )


def actions(leave):
    return list(leave.transitions.values_list("action", flat=True))


def test_short_leave_needs_the_company_only(file_leave, manager_a, client_for):
    leave = file_leave(days=3)
    task = open_task(leave)
    assert task.flow_task.name == "company_approval"
    client = client_for(manager_a)
    assert client.get(task_url(leave, task)).status_code == 200
    assert decide(client, leave, "approved").status_code == 302
    leave.refresh_from_db()
    assert leave.outcome == "approved" and leave.needs_carrier is False
    assert actions(leave) == ["submitted", "approved", "routed"]
    routed = leave.transitions.get(action="routed")
    assert routed.rules["leave_carrier_after_days"] == 3 and routed.rules["days"] == 3
    assert not Task.objects.filter(
        process_id=leave.pk, flow_task_type="HUMAN", status="NEW"
    ).exists()


def test_long_leave_goes_on_to_the_carrier_group_from_the_cms(
    file_leave, manager_a, carrier, client_for
):
    leave = file_leave(days=4)
    decide(client_for(manager_a), leave, "approved")
    task = open_task(leave)
    assert task.flow_task.name == "carrier_approval"
    assert client_for(manager_a).get(task_url(leave, task)).status_code == 403
    page = client_for(carrier).get(reverse("workflows:request", args=[leave.pk]))
    assert 'data-carrier="yes"' in page.content.decode()
    assert decide(client_for(carrier), leave, "approved").status_code == 302
    leave.refresh_from_db()
    assert leave.outcome == "approved"
    assert actions(leave) == ["submitted", "approved", "routed", "approved"]
    last = leave.transitions.last()
    assert (
        last.actor == carrier
        and last.rules["leave_carrier_group"] == carrier.groups.get().name
    )


def test_a_new_threshold_published_in_the_cms_decides_the_next_leave(
    file_leave, manager_a, publish_threshold, client_for
):
    before = file_leave(days=4, in_days=10)
    decide(client_for(manager_a), before, "approved")
    old_revision = before.transitions.get(action="routed").rules["revision_id"]
    assert open_task(before).flow_task.name == "carrier_approval"

    new_revision = publish_threshold(5)
    after = file_leave(days=4, in_days=20)
    decide(client_for(manager_a), after, "approved")
    after.refresh_from_db()
    assert after.needs_carrier is False and after.outcome == "approved"
    routed = after.transitions.get(action="routed")
    assert routed.rules["revision_id"] == new_revision != old_revision
    assert routed.rules["leave_carrier_after_days"] == 5


def test_managers_own_leave_skips_the_company_step(
    manager_a, manager_record_a, file_leave
):
    leave = file_leave(days=1, user=manager_a)
    leave.refresh_from_db()
    assert leave.person == manager_record_a and leave.person_is_manager
    assert open_task(leave).flow_task.name == "carrier_approval"


def test_rejection_needs_a_reason_and_leaves_the_roster_alone(
    file_leave, person_a, manager_a, client_for
):
    leave = file_leave(days=2, in_days=0)
    client = client_for(manager_a)
    response = decide(client, leave, "rejected")
    assert response.status_code == 200
    assert str(COMMENT_REQUIRED) in response.content.decode()
    assert decide(client, leave, "rejected", "当天有割接任务").status_code == 302
    leave.refresh_from_db()
    person_a.refresh_from_db()
    assert leave.outcome == "rejected" and leave.status == PROCESS.DONE
    assert leave.transitions.last().comment == "当天有割接任务"
    assert person_a.status == "on_duty"


def test_carrier_rejection_needs_a_reason_too(
    file_leave, manager_a, carrier, client_for
):
    leave = file_leave(days=5)
    decide(client_for(manager_a), leave, "approved")
    assert decide(client_for(carrier), leave, "rejected").status_code == 200
    decide(client_for(carrier), leave, "rejected", "保障期不批长假")
    leave.refresh_from_db()
    assert leave.outcome == "rejected" and leave.status == PROCESS.DONE


def test_second_approval_of_the_same_task_gets_already_handled(
    file_leave, manager_a, make_user, client_for
):
    leave = file_leave()
    task = open_task(leave)
    other_manager = make_user("contractor_manager")
    assert decide(client_for(manager_a), leave, "approved").status_code == 302
    response = client_for(other_manager).post(
        task_url(leave, task), {"decision": "approved"}
    )
    assert response.status_code == 409
    assert "already been handled" in response.content.decode()
    assert leave.transitions.filter(action="approved").count() == 1


def test_manager_of_another_company_neither_sees_nor_acts(
    file_leave, manager_b, client_for
):
    leave = file_leave()
    task = open_task(leave)
    client = client_for(manager_b)
    assert client.get(reverse("workflows:request", args=[leave.pk])).status_code == 404
    assert client.get(task_url(leave, task)).status_code == 404
    assert (
        client.post(task_url(leave, task), {"decision": "approved"}).status_code == 404
    )
    claim = reverse("workflows:claim", args=[leave.pk, task.pk])
    assert client.post(claim).status_code == 404
    assert not task.flow_task.can_assign(manager_b, task)


def test_company_step_is_announced_to_the_company_only(
    file_leave, company_a, carrier, monkeypatch
):
    from workflows.live import groups, notify

    sent = []
    monkeypatch.setattr(notify, "publish_on_commit", lambda g, p: sent.append(g))
    file_leave()
    assert groups.company_group(company_a.pk) in sent[0]
    assert not any(name.startswith("group.") for name in sent[0])


def test_each_decision_records_the_rules_its_step_was_chosen_by(
    file_leave, manager_a, carrier, client_for
):
    leave = file_leave(days=4)
    decide(client_for(manager_a), leave, "approved")
    decide(client_for(carrier), leave, "approved")

    staff_rules = current_rules().staff_change
    company, carrier_step = leave.transitions.filter(action="approved")
    assert (company.actor, company.rules) == (manager_a, {})
    assert (carrier_step.actor, carrier_step.rules) == (
        carrier,
        {
            "topic": "staff_change",
            "revision_id": staff_rules.revision_id,
            "leave_carrier_group": staff_rules.leave_carrier_group.name,
        },
    )
    assert staff_rules.leave_carrier_group.name == carrier.groups.get().name


def test_a_comment_over_the_limit_is_refused_and_nothing_is_decided(
    file_leave, manager_a, client_for
):
    leave = file_leave()
    page = decide(client_for(manager_a), leave, "rejected", "长" * 2001)
    assert page.status_code == 200
    assert page.context["form"].errors["comment"] == [
        "Ensure this value has at most 2000 characters (it has 2001)."
    ]
    assert open_task(leave).status == "NEW"
    assert actions(leave) == ["submitted"]
    assert (
        decide(client_for(manager_a), leave, "rejected", "长" * 2000).status_code == 302
    )
