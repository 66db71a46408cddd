"""The site-access flow through its real pages: approve, reject, block, overdue."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.status import PROCESS
from viewflow.workflow.timers import fire_due_timers

from registry.models import StaffMember
from workflows.site_access.models import SiteVisit
from workflows.site_access.services import COMMENT_REQUIRED
from workflows.site_access.visiting import NOBODY_IN

from .conftest import open_task

pytestmark = pytest.mark.django_db


def task_url(visit, task):
    return reverse("workflows:task", args=[visit.pk, task.pk])


def post_step(client, visit, name, data):
    return client.post(task_url(visit, open_task(visit, name)), data)


def actions(visit):
    return list(visit.transitions.values_list("action", flat=True))


def local(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def test_approved_visit_is_checked_in_and_out(
    clock, file_visit, owner, engineer_a, client_for
):
    visit = file_visit()
    assert visit.due_at == visit.window_start
    owner_client, engineer = client_for(owner), client_for(engineer_a)
    task = open_task(visit, "approval")
    assert engineer.get(task_url(visit, task)).status_code == 403
    assert (
        post_step(owner_client, visit, "approval", {"decision": "approved"}).status_code
        == 302
    )
    visit.refresh_from_db()
    assert visit.due_at == visit.window_end
    visitor = visit.visitors.get()
    clock.move_to(visit.window_start + datetime.timedelta(minutes=5), tick=False)
    page = engineer.get(task_url(visit, open_task(visit, "check_in")))
    assert page.status_code == 200 and "张伟" in page.content.decode()
    arrived = visit.window_start + datetime.timedelta(minutes=3)
    response = post_step(
        engineer, visit, "check_in", {f"visitor_{visitor.pk}": local(arrived)}
    )
    assert response.status_code == 302
    clock.move_to(visit.window_start + datetime.timedelta(hours=2), tick=False)
    response = post_step(
        engineer,
        visit,
        "check_out",
        {
            f"visitor_{visitor.pk}": local(timezone.now()),
            "work_done": "更换电源模块一块",
            "equipment_notes": "拆下旧模块 SN123",
            "items_open": "",
        },
    )
    assert response.status_code == 302
    visit.refresh_from_db()
    visitor.refresh_from_db()
    assert visit.status == PROCESS.DONE and visit.outcome == "approved"
    assert visitor.checked_in_at == arrived
    assert visitor.checked_out_at == timezone.now()
    assert visit.work_done == "更换电源模块一块" and visit.overdue_at is None
    assert actions(visit) == ["submitted", "approved", "checked_in", "checked_out"]
    assert visit.transitions.get(action="approved").rules["site_access_group"] == (
        "maintenance_manager"
    )
    # The window timers were cancelled with their steps: nothing fires later.
    clock.move_to(visit.window_end + datetime.timedelta(hours=1), tick=False)
    fire_due_timers()
    visit.refresh_from_db()
    assert visit.overdue_at is None


def test_rejected_visit_ends_with_the_reason(clock, file_visit, owner, client_for):
    visit = file_visit()
    client = client_for(owner)
    page = post_step(client, visit, "approval", {"decision": "rejected"})
    assert page.status_code == 200
    assert str(COMMENT_REQUIRED) in page.content.decode()
    assert actions(visit) == ["submitted"]
    post_step(
        client, visit, "approval", {"decision": "rejected", "comment": "割接期间封网"}
    )
    visit.refresh_from_db()
    assert visit.status == PROCESS.DONE and visit.outcome == "rejected"
    assert visit.due_at is None


@pytest.mark.parametrize(
    ("status", "words"),
    [(StaffMember.Status.TRAINEE, "trainee"), (StaffMember.Status.LEFT, "left")],
)
def test_a_visitor_not_on_duty_blocks_approval_by_name(
    clock, file_visit, owner, client_for, visitor_a, status, words
):
    visit = file_visit()
    StaffMember.objects.filter(pk=visitor_a.pk).update(status=status)
    client = client_for(owner, HTTP_ACCEPT_LANGUAGE="en")
    page = post_step(client, visit, "approval", {"decision": "approved"})
    text = page.content.decode()
    assert page.status_code == 200 and "张伟" in text and words in text
    visit.refresh_from_db()
    assert visit.decision == "" and actions(visit) == ["submitted"]
    assert open_task(visit).flow_task.name == "approval"


def test_approved_leave_in_the_window_blocks_approval(
    clock, file_visit, owner, client_for, visitor_a
):
    from workflows.leave.models import Leave

    visit = file_visit()
    day = timezone.localtime(visit.window_start).date()
    Leave.objects.create(
        reference="LV-T-1",
        company=visit.company,
        requester=visit.requester,
        summary="x",
        person=visitor_a,
        start_date=day,
        end_date=day,
        reason="x",
        outcome="approved",
    )
    page = post_step(client_for(owner), visit, "approval", {"decision": "approved"})
    assert "张伟" in page.content.decode()
    assert SiteVisit.objects.get(pk=visit.pk).decision == ""


def test_a_visit_open_after_its_window_is_flagged_overdue_once(
    clock, file_visit, owner, client_for
):
    visit = file_visit()
    post_step(client_for(owner), visit, "approval", {"decision": "approved"})
    clock.move_to(visit.window_end - datetime.timedelta(minutes=1), tick=False)
    fire_due_timers()
    assert SiteVisit.objects.get(pk=visit.pk).overdue_at is None
    clock.move_to(visit.window_end + datetime.timedelta(minutes=1), tick=False)
    assert fire_due_timers() == 1
    visit.refresh_from_db()
    assert visit.overdue_at == timezone.now() and visit.is_overdue
    assert actions(visit)[-1] == "overdue"
    # The visitors may still check in and out; the visit stays open meanwhile.
    assert visit.status == PROCESS.NEW
    assert open_task(visit).flow_task.name == "check_in"
    queue = client_for(owner).get(reverse("queue:queue") + "?tab=filed&overdue=1")
    assert queue.status_code == 200


def test_check_out_before_check_in_is_refused_and_nothing_written(
    clock, file_visit, owner, engineer_a, client_for
):
    visit = file_visit()
    post_step(client_for(owner), visit, "approval", {"decision": "approved"})
    visitor = visit.visitors.get()
    engineer = client_for(engineer_a, HTTP_ACCEPT_LANGUAGE="en")
    clock.move_to(visit.window_start + datetime.timedelta(hours=1), tick=False)
    arrived = timezone.now() - datetime.timedelta(minutes=10)
    post_step(engineer, visit, "check_in", {f"visitor_{visitor.pk}": local(arrived)})
    before = arrived - datetime.timedelta(minutes=30)
    page = post_step(
        engineer,
        visit,
        "check_out",
        {f"visitor_{visitor.pk}": local(before), "work_done": "巡检"},
    )
    assert page.status_code == 200
    assert "Check-out cannot be before check-in." in page.content.decode()
    visitor.refresh_from_db()
    assert visitor.checked_out_at is None
    assert SiteVisit.objects.get(pk=visit.pk).work_done == ""
    assert open_task(visit).flow_task.name == "check_out"


def test_nobody_checked_in_is_refused(clock, file_visit, owner, engineer_a, client_for):
    visit = file_visit()
    post_step(client_for(owner), visit, "approval", {"decision": "approved"})
    visitor = visit.visitors.get()
    engineer = client_for(engineer_a, HTTP_ACCEPT_LANGUAGE="en")
    page = post_step(engineer, visit, "check_in", {f"visitor_{visitor.pk}": ""})
    assert page.status_code == 200
    assert str(NOBODY_IN) in page.content.decode()
    assert open_task(visit).flow_task.name == "check_in"
    assert (
        not Task.objects.filter(
            process_id=visit.pk, flow_task_type="HUMAN", status="DONE"
        )
        .exclude(owner=None)
        .filter(owner=engineer_a)
        .exists()
    )


def test_check_in_records_the_phones_place_or_unknown(
    clock, file_visit, owner, engineer_a, client_for
):
    visit = file_visit()
    site = visit.site
    site.latitude, site.longitude = "30.208412", "120.211935"
    site.save()
    post_step(client_for(owner), visit, "approval", {"decision": "approved"})
    visitor = visit.visitors.get()
    clock.move_to(visit.window_start + datetime.timedelta(minutes=5), tick=False)
    engineer = client_for(engineer_a)
    page = engineer.get(task_url(visit, open_task(visit, "check_in")))
    assert b"data-locate" in page.content
    post_step(
        engineer,
        visit,
        "check_in",
        {
            f"visitor_{visitor.pk}": local(timezone.now()),
            "latitude": "30.230000",  # about 2.4 km north
            "longitude": "120.211935",
        },
    )
    visit.refresh_from_db()
    assert visit.check_in_presence.flag == "far"
    assert visit.check_in_presence.distance_m > 2000
    record = visit.transitions.get(action="checked_in")
    assert record.rules["flag"] == "far" and record.rules["revision_id"]
