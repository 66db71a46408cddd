"""The position change flow driven through its real pages."""

import pytest
from django.urls import reverse
from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS
from viewflow.workflow.timers import fire_due_timers

from registry.calendar import local_today
from registry.models import StaffMember
from workflows.position.models import PositionChange
from workflows.position.services import COMMENT_REQUIRED

pytestmark = pytest.mark.django_db


def open_task(change):
    return Task.objects.get(
        process_id=change.pk, flow_task_type="HUMAN", status__in=["NEW", "ASSIGNED"]
    )


def task_url(change, task):
    return reverse("workflows:task", args=[change.pk, task.pk])


def decide(client, change, decision, comment=""):
    task = open_task(change)
    return client.post(
        task_url(change, task), {"decision": decision, "comment": comment}
    )


def actions(change):
    return list(change.transitions.values_list("action", flat=True))


def test_approved_by_both_levels_the_roster_changes_when_the_timer_fires(
    file_change, person_a, other_region, manager_a, carrier, client_for
):
    change = file_change(in_days=3, team="二组", region=other_region)
    assert open_task(change).flow_task.name == "company_approval"
    routed = change.transitions.get(action="routed")
    assert routed.rules["topic"] == "deadlines" and routed.rules["revision_id"]
    assert decide(client_for(manager_a), change, "approved").status_code == 302
    task = open_task(change)
    assert task.flow_task.name == "carrier_approval"
    assert client_for(manager_a).get(task_url(change, task)).status_code == 403
    assert decide(client_for(carrier), change, "approved").status_code == 302
    change.refresh_from_db()
    person_a.refresh_from_db()
    assert change.outcome == "approved" and change.applied_on is None
    assert (person_a.position, person_a.team) == ("engineer", "一组")
    page = client_for(carrier).get(reverse("workflows:request", args=[change.pk]))
    assert 'data-roster="scheduled"' in page.content.decode()

    timer = Task.objects.get(process_id=change.pk, status=STATUS.SCHEDULED)
    assert timer.scheduled.date() == change.effective_date or (
        timezone.localtime(timer.scheduled).date() <= change.effective_date
    )
    assert fire_due_timers() == 0  # not yet
    Task.objects.filter(pk=timer.pk).update(scheduled=timezone.now())
    assert fire_due_timers() == 1
    person_a.refresh_from_db()
    assert (person_a.position, person_a.team, person_a.region_id) == (
        StaffMember.Position.GROUP_LEAD,
        "二组",
        other_region.pk,
    )
    change.refresh_from_db()
    assert change.applied_on == change.effective_date
    assert actions(change) == ["submitted", "routed", "approved", "approved", "applied"]
    assert change.status == "DONE"


def test_a_change_effective_today_applies_on_the_carriers_approval(
    file_change, person_a, manager_a, carrier, client_for
):
    change = file_change(in_days=0)
    decide(client_for(manager_a), change, "approved")
    decide(client_for(carrier), change, "approved")
    person_a.refresh_from_db()
    assert person_a.position == StaffMember.Position.GROUP_LEAD
    change.refresh_from_db()
    assert change.applied_on == local_today() and change.status == "DONE"


def test_the_managers_own_change_goes_straight_to_the_carrier(
    file_change, manager_record_a, carrier, client_for
):
    change = file_change(person=manager_record_a, team="管理组", position="")
    assert open_task(change).flow_task.name == "carrier_approval"
    assert decide(client_for(carrier), change, "approved").status_code == 302


def test_rejecting_needs_a_comment_and_leaves_the_roster(
    file_change, person_a, manager_a, carrier, client_for
):
    change = file_change()
    client = client_for(manager_a)
    answer = decide(client, change, "rejected")
    assert answer.status_code == 200
    assert str(COMMENT_REQUIRED) in answer.content.decode()
    assert actions(change) == ["submitted", "routed"]
    assert decide(client, change, "rejected", "人手不够，暂缓").status_code == 302
    change.refresh_from_db()
    person_a.refresh_from_db()
    assert change.outcome == "rejected" and change.status == "DONE"
    assert person_a.position == StaffMember.Position.ENGINEER
    assert change.transitions.last().comment == "人手不够，暂缓"


def test_rejected_by_the_carrier(file_change, manager_a, carrier, client_for):
    change = file_change()
    decide(client_for(manager_a), change, "approved")
    assert decide(client_for(carrier), change, "rejected", "不同意").status_code == 302
    change.refresh_from_db()
    assert change.outcome == "rejected"
    assert not Task.objects.filter(process_id=change.pk, status=STATUS.SCHEDULED)


def test_a_person_who_left_before_the_date_is_not_changed(
    file_change, person_a, manager_a, carrier, client_for
):
    change = file_change(in_days=2)
    decide(client_for(manager_a), change, "approved")
    decide(client_for(carrier), change, "approved")
    StaffMember.objects.filter(pk=person_a.pk).update(
        status=StaffMember.Status.LEFT, left_on=local_today()
    )
    Task.objects.filter(process_id=change.pk, status=STATUS.SCHEDULED).update(
        scheduled=timezone.now()
    )
    assert fire_due_timers() == 1
    person_a.refresh_from_db()
    assert person_a.position == StaffMember.Position.ENGINEER
    applied = PositionChange.objects.get(pk=change.pk).transitions.last()
    assert applied.notes[0]["key"] == "position.already_left"


def test_other_company_neither_sees_nor_acts(file_change, manager_b, client_for):
    change = file_change()
    task = open_task(change)
    client = client_for(manager_b)
    assert client.get(reverse("workflows:request", args=[change.pk])).status_code == 404
    assert client.get(task_url(change, task)).status_code == 404
    assert (
        client.post(task_url(change, task), {"decision": "approved"}).status_code == 404
    )
    assert actions(change) == ["submitted", "routed"]


def test_the_engineer_cannot_take_the_company_step(file_change, engineer_a, client_for):
    change = file_change()
    task = open_task(change)
    answer = client_for(engineer_a).post(
        task_url(change, task), {"decision": "approved"}
    )
    assert answer.status_code in (403, 404)
    assert actions(change) == ["submitted", "routed"]


def test_the_carrier_cannot_take_the_company_step_nor_the_company_the_carriers(
    file_change, manager_a, carrier, client_for
):
    change = file_change()
    task = open_task(change)
    assert client_for(carrier).get(task_url(change, task)).status_code == 403
    decide(client_for(manager_a), change, "approved")
    task = open_task(change)
    answer = client_for(manager_a).post(
        task_url(change, task), {"decision": "approved"}
    )
    assert answer.status_code == 403
    assert actions(change) == ["submitted", "routed", "approved"]


def test_the_staff_page_shows_the_new_group_and_area(
    file_change, person_a, other_region, manager_a, carrier, client_for
):
    change = file_change(in_days=0, team="二组", region=other_region)
    decide(client_for(manager_a), change, "approved")
    decide(client_for(carrier), change, "approved")
    client = client_for(manager_a)
    client.cookies["django_language"] = "en"
    page = client.get(reverse("registry:person", args=[person_a.pk]))
    html = page.content.decode()
    assert "二组" in html and "Haizhu" in html and "Group lead" in html
