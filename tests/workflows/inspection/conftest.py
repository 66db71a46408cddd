import datetime

import pytest
import time_machine

from fixtures.checklists import NUMBER, PHOTO, TEXT, item
from home.models import ChecklistTemplate
from home.services import snippet_publish_changes
from registry.models import Site
from registry.roles import Role
from workflows.inspection import rules
from workflows.inspection.services import PlanInput, plan_submit

from ...factories import SiteFactory

# Every test runs on 2026-03-15 (China): Q2 2026 is due by 2026-03-22.
TODAY = datetime.datetime(2026, 3, 15, 10, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def carrier(make_user):
    return make_user(Role.MAINTENANCE_MANAGER)


@pytest.fixture
def room_checklist(db):
    template = ChecklistTemplate(code="room-monthly")
    snippet_publish_changes(
        instance=template,
        fields={
            "name_zh": "机房月度巡检",
            "name_en": "Room monthly inspection",
            "site_kind": Site.Kind.MACHINE_ROOM,
        },
        rows={
            "items": [
                item(
                    "earth", "接地电阻", "Earth resistance", NUMBER, unit="Ω", high="5"
                ),
                item(
                    "volts", "市电电压", "Mains voltage", NUMBER, low="342", high="418"
                ),
                item("lights_ok", "指示灯正常", "Lights normal"),
                item(
                    "alarm",
                    "有告警",
                    "Alarm present",
                    required=False,
                    bad_answer="yes",
                ),
                item("cabinet", "机柜编号", "Cabinet", TEXT),
                item("photo", "照片", "Photo", PHOTO, required=False),
            ]
        },
    )
    template.refresh_from_db()
    return template


@pytest.fixture
def site_a2(company_a, region):
    return SiteFactory(
        code="gz-room-02",
        name_zh="天河二号机房",
        maintained_by=company_a,
        region=region,
        kind=Site.Kind.MACHINE_ROOM,
    )


@pytest.fixture
def file_plan(manager_a, region, site_a, room_checklist):
    """Manager A files a plan: ``site_a`` every month of ``quarter`` 2026."""

    def do(quarter=2, user=None, sites=None, months=None):
        data = PlanInput(
            region=region,
            year=2026,
            quarter=quarter,
            sites=sites or [site_a],
            months=months or list(rules.quarter_months(quarter)),
        )
        return plan_submit(user=user or manager_a, data=data)

    return do


def plan_approve(plan, carrier):
    """The carrier approves ``plan`` on its approval step."""
    from fixtures.steps import step_take
    from workflows.inspection.services import decision_record

    step_take(
        plan,
        carrier,
        lambda activation: decision_record(
            plan=activation.process,
            task=activation.task,
            user=carrier,
            decision="approved",
            comment="",
        ),
    )
    return plan


@pytest.fixture
def approved_plan(file_plan, carrier):
    return plan_approve(file_plan(quarter=1), carrier)


@pytest.fixture
def row(approved_plan):
    """The plan's March inspection of site A (this month)."""
    return approved_plan.rows.get(month=3)
