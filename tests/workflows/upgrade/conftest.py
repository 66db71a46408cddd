"""An upgrade of company A's machine room, filed on Monday 22 September 2025.

The clock is frozen there (10:00 in China): the golden week (1-8 October,
worked Sunday 28 September, worked Saturday 11 October) lies ahead.
"""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from viewflow.workflow.models import Task

from registry.roles import Role
from workflows.upgrade.services import UpgradeInput, upgrade_submit

CHINA = ZoneInfo("Asia/Shanghai")
NOW = datetime(2025, 9, 22, 10, 0, tzinfo=CHINA)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(name="plan.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def maintenance(make_user):
    return make_user(Role.MAINTENANCE_MANAGER, username="mm")


@pytest.fixture
def institute(make_user):
    return make_user(Role.INSTITUTE_REVIEWER, username="inst")


@pytest.fixture
def province(make_user):
    return make_user(Role.PROVINCIAL_APPROVER, username="prov")


def upgrade_input(sites, **extra) -> UpgradeInput:
    values = {
        "system": "BSC 基站控制器",
        "sites": list(sites),
        "current_version": "V5.1",
        "target_version": "V5.2",
        "reason": "修复告警丢失问题",
        "need_date": NOW.date() + timedelta(days=14),
        "proposed_start": NOW + timedelta(days=10),
        "proposed_end": NOW + timedelta(days=10, hours=4),
        "spare_parts": False,
        "plan": pdf("plan.pdf"),
        "difference": pdf("diff.pdf"),
        "test_report": pdf("report.pdf"),
    }
    values.update(extra)
    return UpgradeInput(**values)


@pytest.fixture
def file_upgrade(clock, manager_a, site_a):
    def do(user=None, **extra):
        return upgrade_submit(
            user=user or manager_a, data=upgrade_input([site_a], **extra)
        )

    return do


def open_task(upgrade):
    return Task.objects.get(
        process_id=upgrade.pk, flow_task_type="HUMAN", status__in=["NEW", "ASSIGNED"]
    )


def task_url(upgrade, task=None):
    task = task or open_task(upgrade)
    return reverse("workflows:task", args=[upgrade.pk, task.pk])


def local(moment) -> str:
    return moment.astimezone(CHINA).strftime("%Y-%m-%dT%H:%M")


def actions(upgrade):
    return list(upgrade.transitions.values_list("action", flat=True))
