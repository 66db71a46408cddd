import datetime

import pytest
from django.utils import timezone
from viewflow.workflow.models import Task

from registry.roles import Role
from workflows.site_access.services import SiteVisitInput, visit_submit

from ...factories import StaffMemberFactory

# A fixed day, so nothing depends on today: 2026-06-10 09:00 in China.
NOW = datetime.datetime(2026, 6, 10, 1, 0, tzinfo=datetime.UTC)


@pytest.fixture
def clock(time_machine):
    time_machine.move_to(NOW, tick=False)
    return time_machine


@pytest.fixture
def owner(make_user):
    """A site owner: the maintenance managers by default (CMS rule)."""
    return make_user(Role.MAINTENANCE_MANAGER, username="owner")


@pytest.fixture
def prework():
    """The demo's pre-work checklist of machine rooms, published."""
    from fixtures import checklists

    checklists.load()


@pytest.fixture
def visitor_a(company_a, contract_a, engineer_a):
    return StaffMemberFactory(
        company=company_a,
        contract=contract_a,
        name="张伟",
        employee_no="A-101",
        user=engineer_a,
    )


def window(hours_ahead=2, length=3):
    start = timezone.now() + datetime.timedelta(hours=hours_ahead)
    return start, start + datetime.timedelta(hours=length)


@pytest.fixture
def file_visit(engineer_a, site_a, visitor_a, prework):
    """File a visit to site A as engineer A, 2 h ahead for 3 h."""

    def do(user=None, staff=None, outsiders=(), escort=None, **extra):
        start, end = window(
            **{k: extra.pop(k) for k in ("hours_ahead", "length") if k in extra}
        )
        data = SiteVisitInput(
            site=extra.pop("site", site_a),
            window_start=start,
            window_end=end,
            planned_work=extra.pop("planned_work", "更换 3 号机柜电源模块"),
            staff=[visitor_a] if staff is None else list(staff),
            outsiders=list(outsiders),
            escort=escort,
            cabinets="A03",
            equipment_change=extra.pop("equipment_change", False),
            checklist_acknowledged=extra.pop("checklist_acknowledged", True),
        )
        return visit_submit(user=user or engineer_a, data=data)

    return do


def open_task(visit, name=None):
    tasks = Task.objects.filter(
        process_id=visit.pk,
        status__in=["NEW", "ASSIGNED", "STARTED"],
        flow_task_type="HUMAN",
    )
    task = tasks.get()
    assert name is None or task.flow_task.name == name
    return task
