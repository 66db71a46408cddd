"""Every branch of the upgrade flow, through its real pages."""

from datetime import timedelta

import pytest
from viewflow.workflow.status import PROCESS

from workflows.upgrade.models import SoftwareUpgrade

from . import walk
from .conftest import actions, open_task, pdf, task_url
from .walk import WINDOW_END, WINDOW_START

pytestmark = pytest.mark.django_db


@pytest.fixture
def clients(client_for, maintenance, institute, province, manager_a):
    return {
        "mm": client_for(maintenance),
        "inst": client_for(institute),
        "prov": client_for(province),
        "lead": client_for(manager_a),
    }


def reload(upgrade):
    return SoftwareUpgrade.objects.get(pk=upgrade.pk)


def test_filing_routes_to_the_maintenance_manager_with_the_limits(file_upgrade):
    upgrade = file_upgrade()
    assert walk.step_name(upgrade) == "confirm"
    upgrade = reload(upgrade)
    assert upgrade.reference.startswith("UP-")
    assert upgrade.plan and upgrade.difference and upgrade.test_report
    assert upgrade.attachments.count() == 3
    assert upgrade.confirmation_due.date().isoformat() == "2025-09-24"
    assert not upgrade.application_late
    routed = upgrade.transitions.get(action="routed")
    assert routed.rules["topic"] == "deadlines" and routed.rules["revision_id"]
    assert routed.notes[0]["key"] == "upgrade.application_on_time"


def test_success_without_spare_parts_closes_with_the_service_record(
    file_upgrade, clients, clock
):
    upgrade = file_upgrade()
    walk.approved_to_window(clients, upgrade, clock)
    assert walk.step_name(upgrade) == "report_start"
    lead = clients["lead"]
    assert walk.start_work(lead, upgrade, WINDOW_START).status_code == 302
    clock.move_to(WINDOW_START + timedelta(hours=2))
    assert (
        walk.end_work(lead, upgrade, WINDOW_START + timedelta(hours=2)).status_code
        == 302
    )
    assert walk.step_name(upgrade) == "service_record"
    assert walk.post(lead, upgrade, {"record": "升级完成，业务正常"}).status_code == 302
    upgrade = reload(upgrade)
    assert upgrade.status == PROCESS.DONE and upgrade.outcome == "completed"
    assert actions(upgrade) == [
        "submitted",
        "routed",
        "confirmed",
        "approved",
        "approved",
        "work_started",
        "work_ended",
        "service_recorded",
    ]
    approval = upgrade.transitions.filter(action="approved").last()
    assert approval.rules["start"] == WINDOW_START.isoformat()
    assert upgrade.approved_start == WINDOW_START and upgrade.approved_end == WINDOW_END
    assert upgrade.late_steps == []


def test_success_with_spare_parts_takes_the_spare_part_step(
    file_upgrade, clients, clock
):
    upgrade = file_upgrade(spare_parts=True)
    walk.approved_to_window(clients, upgrade, clock)
    lead = clients["lead"]
    walk.start_work(lead, upgrade, WINDOW_START)
    walk.end_work(lead, upgrade, WINDOW_START + timedelta(minutes=20))
    assert walk.step_name(upgrade) == "spare_parts"
    assert walk.post(lead, upgrade, {"note": ""}).status_code == 200
    assert walk.post(lead, upgrade, {"note": "备件板卡同步升级"}).status_code == 302
    assert walk.step_name(upgrade) == "service_record"
    walk.post(lead, upgrade, {"record": "完成"})
    upgrade = reload(upgrade)
    assert upgrade.outcome == "completed" and upgrade.spare_parts_note
    assert "spare_parts_upgraded" in actions(upgrade)


def test_failure_needs_the_rollback_and_report_then_ends_failed(
    file_upgrade, clients, clock, manager_a, site_a
):
    upgrade = file_upgrade()
    walk.approved_to_window(clients, upgrade, clock)
    lead = clients["lead"]
    walk.start_work(lead, upgrade, WINDOW_START)
    walk.end_work(lead, upgrade, WINDOW_START + timedelta(minutes=20), "failed")
    assert walk.step_name(upgrade) == "rollback"
    refused = walk.post(lead, upgrade, {"failure_report": "新版本无法加载"})
    assert (
        refused.status_code == 200 and "rolled_back" in refused.context["form"].errors
    )
    done = walk.post(
        lead, upgrade, {"rolled_back": "on", "failure_report": "新版本无法加载，已回退"}
    )
    assert done.status_code == 302
    upgrade = reload(upgrade)
    assert upgrade.status == PROCESS.DONE and upgrade.outcome == "failed"
    assert upgrade.rolled_back and upgrade.result == "failed"
    assert actions(upgrade)[-1] == "rolled_back"
    # A new request follows the failed one.
    from workflows.upgrade.services import upgrade_submit

    from .conftest import upgrade_input

    clock.move_to(walk.NOW)
    again = upgrade_submit(
        user=manager_a, data=upgrade_input([site_a], follows=upgrade)
    )
    assert reload(again).follows == upgrade and upgrade.follow_ups.get() == again


def test_review_rejects_with_a_reason(file_upgrade, clients):
    upgrade = file_upgrade()
    walk.confirm(clients["mm"], upgrade)
    refused = walk.review(clients["inst"], upgrade, "rejected")
    assert refused.status_code == 200 and actions(upgrade)[-1] == "confirmed"
    assert (
        walk.review(clients["inst"], upgrade, "rejected", "方案不完整").status_code
        == 302
    )
    upgrade = reload(upgrade)
    assert upgrade.outcome == "rejected" and upgrade.status == PROCESS.DONE


def test_the_province_rejects(file_upgrade, clients):
    upgrade = file_upgrade()
    walk.confirm(clients["mm"], upgrade)
    walk.review(clients["inst"], upgrade)
    data = {"decision": "rejected", "comment": "年底封网"}
    assert walk.post(clients["prov"], upgrade, data).status_code == 302
    assert reload(upgrade).outcome == "rejected"


def test_a_return_goes_back_to_the_requester_who_revises(file_upgrade, clients, site_a):
    upgrade = file_upgrade()
    walk.confirm(clients["mm"], upgrade)
    walk.review(clients["inst"], upgrade, "returned", "补充回退方案")
    assert walk.step_name(upgrade) == "revise"
    lead = clients["lead"]
    form = lead.get(task_url(upgrade)).context["form"]
    assert form.initial["target_version"] == "V5.2"
    upgrade = reload(upgrade)
    data = {
        "system": upgrade.system,
        "sites": [site_a.pk],
        "current_version": "V5.1",
        "target_version": "V5.2.1",
        "reason": "修复告警丢失问题，附回退方案",
        "need_date": upgrade.need_date.isoformat(),
        "proposed_start": walk.local(upgrade.proposed_start),
        "proposed_end": walk.local(upgrade.proposed_end),
    }
    data["plan"] = pdf("方案v2.pdf")
    old_plan = upgrade.plan_id
    assert walk.post(lead, upgrade, data).status_code == 302
    assert walk.step_name(upgrade) == "review"
    revised = reload(upgrade)
    assert revised.target_version == "V5.2.1"
    assert (
        revised.plan_id != old_plan and revised.difference_id == upgrade.difference_id
    )
    assert revised.attachments.count() == 4
    assert "resubmitted" in actions(upgrade)


def test_the_approved_window_may_differ_but_not_lie_in_the_past(
    file_upgrade, clients, clock
):
    upgrade = file_upgrade()
    walk.confirm(clients["mm"], upgrade)
    walk.review(clients["inst"], upgrade)
    past = walk.approve(clients["prov"], upgrade, start=walk.NOW - timedelta(hours=1))
    assert past.status_code == 200
    assert (
        "approved_start" in str(past.context["form"].errors)
        or past.context["form"].non_field_errors()
    )
    inverted = walk.approve(
        clients["prov"], upgrade, start=WINDOW_END, end=WINDOW_START
    )
    assert inverted.status_code == 200
    assert reload(upgrade).approved_start is None
    assert walk.step_name(upgrade) == "approval"


def test_reporting_outside_the_window_is_refused_and_writes_nothing(
    file_upgrade, clients, clock
):
    upgrade = file_upgrade()
    walk.approved_to_window(clients, upgrade, clock)
    clock.move_to(WINDOW_START - timedelta(hours=1))
    lead = clients["lead"]
    before = list(actions(upgrade))
    early = walk.start_work(lead, upgrade, WINDOW_START - timedelta(hours=1))
    assert early.status_code == 200
    assert "approved window opens at" in early.content.decode()
    assert actions(upgrade) == before and reload(upgrade).started_at is None
    assert open_task(upgrade).owner_id is None  # not even claimed
    clock.move_to(WINDOW_END + timedelta(minutes=1))
    late = walk.start_work(lead, upgrade, WINDOW_END + timedelta(minutes=1))
    assert "approved window closed at" in late.content.decode()
    assert actions(upgrade) == before


def test_the_end_cannot_be_before_the_start_nor_ahead_of_now(
    file_upgrade, clients, clock
):
    upgrade = file_upgrade()
    walk.approved_to_window(clients, upgrade, clock)
    lead = clients["lead"]
    walk.start_work(lead, upgrade, WINDOW_START + timedelta(minutes=10))
    before = walk.end_work(lead, upgrade, WINDOW_START)
    assert "cannot end before it started" in before.content.decode()
    ahead = walk.end_work(lead, upgrade, WINDOW_START + timedelta(hours=2))
    assert "still ahead" in ahead.content.decode()
    assert reload(upgrade).ended_at is None


def test_the_request_page_shows_the_limits_and_the_window(file_upgrade, clients, clock):
    upgrade = file_upgrade()
    walk.approved_to_window(clients, upgrade, clock)
    html = walk.page(clients["lead"], upgrade).content.decode()
    assert 'data-application-late="no"' in html and "data-window" in html
