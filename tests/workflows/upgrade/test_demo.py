"""The demo holds upgrades in every state, and a second load changes nothing."""

import pytest
from django.core.management import call_command
from viewflow.workflow.models import Task

from fixtures.upgrades import DEMO
from workflows.upgrade.models import SoftwareUpgrade

pytestmark = pytest.mark.django_db


def open_steps():
    tasks = Task.objects.filter(
        process__in=SoftwareUpgrade.objects.all(),
        flow_task_type="HUMAN",
        status__in=["NEW", "ASSIGNED"],
    )
    return sorted(task.flow_task.name for task in tasks)


def test_every_state_is_in_the_demo(wagtail_site):
    call_command("load_demo")
    assert SoftwareUpgrade.objects.count() == len(DEMO)
    assert open_steps() == sorted(
        [
            "confirm",
            "confirm_late",
            "review",
            "revise",
            "approval",
            "report_start",
            "report_end",
        ]
    )
    outcomes = sorted(SoftwareUpgrade.objects.values_list("outcome", flat=True))
    assert outcomes == sorted(["completed", "failed", "rejected"] + [""] * 7)
    assert SoftwareUpgrade.objects.get(outcome="completed").spare_parts_note
    late = SoftwareUpgrade.objects.get(reason__startswith="网管告警")
    assert late.late_steps == ["confirm"]
    call_command("load_demo")
    assert SoftwareUpgrade.objects.count() == len(DEMO)
