"""The demo holds position changes in every state, dated from the load day."""

import pytest
from django.core.management import call_command
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from registry.calendar import local_today
from workflows.position.models import PositionChange

pytestmark = pytest.mark.django_db


def test_demo_has_position_changes_in_every_state():
    call_command("load_demo")
    today = local_today()
    changes = PositionChange.objects.select_related("person")
    open_steps = sorted(
        task.flow_task.name
        for task in Task.objects.filter(
            process_id__in=changes.values("pk"), flow_task_type="HUMAN", status="NEW"
        )
    )
    assert open_steps == ["carrier_approval", "company_approval"]
    waiting = changes.get(outcome="approved", applied_on__isnull=True)
    assert waiting.effective_date > today
    timer = Task.objects.get(process_id=waiting.pk, status=STATUS.SCHEDULED)
    assert timer.flow_task.name == "wait_effective"
    applied = changes.get(applied_on__isnull=False)
    assert applied.applied_on == today and applied.person.team == applied.new_team
    rejected = changes.get(outcome="rejected")
    assert rejected.transitions.filter(action="rejected", step="carrier_approval")
    before = list(changes.values_list("pk", "status", "outcome"))
    call_command("load_demo")
    assert list(changes.values_list("pk", "status", "outcome")) == before
