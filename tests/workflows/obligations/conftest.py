import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from home.models import ObligationRules
from home.services import snippet_publish_changes
from registry.models import StaffMember
from registry.roles import Role

from ...factories import StaffMemberFactory

CHINA = ZoneInfo("Asia/Shanghai")


def china(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=CHINA)


@pytest.fixture
def at():
    """``with at(2026, 12, 4, 18, 29, 59):`` China time, clock frozen."""

    def travel(*args):
        return time_machine.travel(china(*args), tick=False)

    return travel


@pytest.fixture
def person_for(company_a):
    """``person_for(user, position=...)``: the user's staff record, on duty."""

    def make(user, position=StaffMember.Position.ENGINEER, company=None, **kw):
        return StaffMemberFactory(
            company=company or company_a,
            user=user,
            position=position,
            joined_on=kw.pop("joined_on", datetime.date(2025, 1, 1)),
            **kw,
        )

    return make


@pytest.fixture
def engineer(engineer_a, person_for):
    person_for(engineer_a)
    return engineer_a


@pytest.fixture
def engineer_b(make_user, company_b, person_for):
    user = make_user(Role.CONTRACTOR_ENGINEER, company_b, username="engineer_b")
    person_for(user, company=company_b)
    return user


@pytest.fixture
def carrier(make_user):
    return make_user(Role.MAINTENANCE_MANAGER, username="carrier_mm")


@pytest.fixture
def monitor(make_user):
    return make_user(Role.MONITORING_CENTRE, username="noc")


@pytest.fixture
def obligation_rules_set():
    """``obligation_rules_set(fields={...}, rows={...})``: publish a change."""

    def publish(fields=None, rows=None):
        topic = ObligationRules.objects.get()
        return snippet_publish_changes(
            instance=topic, fields=fields or {}, rows=rows or {}
        )

    return publish


def due_times(engineer="18:30", group_lead="19:30", manager="21:00") -> list[dict]:
    return [
        {"position": "engineer", "due_time": datetime.time.fromisoformat(engineer)},
        {
            "position": "group_lead",
            "due_time": datetime.time.fromisoformat(group_lead),
        },
        {"position": "manager", "due_time": datetime.time.fromisoformat(manager)},
    ]


@pytest.fixture
def report_forms(demo_request_forms):
    """The demo's form page of every report kind: ``report_forms[kind]``."""
    from fixtures.obligations import forms_load
    from home.models import RequestFormPage

    forms_load()
    pages = RequestFormPage.objects.filter(kind__startswith="report_")
    return {page.kind.removeprefix("report_"): page for page in pages}
