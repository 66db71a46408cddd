"""The confirmation timer: a receipt not confirmed in time is flagged and re-offered."""

from datetime import timedelta

import pytest
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS
from viewflow.workflow.timers import fire_due_timers

from workflows.upgrade.models import SoftwareUpgrade

from . import walk
from .conftest import actions

pytestmark = pytest.mark.django_db


def test_nothing_fires_before_the_confirmation_is_due(file_upgrade, clock):
    upgrade = file_upgrade()
    due = SoftwareUpgrade.objects.get(pk=upgrade.pk).confirmation_due
    clock.move_to(due - timedelta(minutes=1))
    assert fire_due_timers() == 0
    assert walk.step_name(upgrade) == "confirm"


def test_the_timer_fires_flags_the_step_late_and_offers_it_again(
    file_upgrade, clock, client_for, maintenance
):
    upgrade = file_upgrade()
    timer = Task.objects.get(process_id=upgrade.pk, flow_task_type="TIMER")
    assert timer.scheduled.date().isoformat() == "2025-09-24"
    clock.move_to(timer.scheduled + timedelta(seconds=1))
    assert fire_due_timers() == 1
    first = Task.objects.get(
        process_id=upgrade.pk, flow_task_type="HUMAN", status=STATUS.CANCELED
    )
    assert first.flow_task.name == "confirm"
    assert walk.step_name(upgrade) == "confirm_late"
    upgrade = SoftwareUpgrade.objects.get(pk=upgrade.pk)
    assert upgrade.late_steps == ["confirm"] and upgrade.late_count == 1
    escalated = upgrade.transitions.get(action="escalated")
    assert escalated.notes[0]["key"] == "upgrade.confirmation_escalated"
    assert escalated.rules["revision_id"]
    # Confirmed late: the step counts once, the request goes on.
    assert walk.confirm(client_for(maintenance), upgrade).status_code == 302
    upgrade = SoftwareUpgrade.objects.get(pk=upgrade.pk)
    assert walk.step_name(upgrade) == "review"
    assert upgrade.late_steps == ["confirm"]
    confirmed = upgrade.transitions.get(action="confirmed")
    assert confirmed.notes[0]["key"] == "upgrade.step_late"
    assert fire_due_timers() == 0


def test_a_confirmation_in_time_cancels_the_timer(
    file_upgrade, clock, client_for, maintenance
):
    upgrade = file_upgrade()
    walk.confirm(client_for(maintenance), upgrade)
    timer = Task.objects.get(process_id=upgrade.pk, flow_task_type="TIMER")
    assert timer.status == STATUS.CANCELED
    clock.move_to(walk.NOW + timedelta(days=10))
    assert fire_due_timers() == 0
    assert "escalated" not in actions(upgrade)
    assert SoftwareUpgrade.objects.get(pk=upgrade.pk).late_steps == []
