"""An overdue ticket goes up the CMS escalation chain one level at a time
(group lead → the contractor's manager → the carrier's maintenance manager by
default); each level is a history entry and a live queue event to its people."""

from datetime import timedelta
from decimal import Decimal

import pytest
import time_machine

from home.models.sla import SlaEscalation, SlaRules
from registry.models import StaffMember
from registry.roles import Role
from tests.factories import StaffMemberFactory
from workflows.live.groups import user_group

from .conftest import task_url
from .test_sla import T0, fire_at, no_closing  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db
HOUR = timedelta(hours=1)


@pytest.fixture
def chain_people(make_user, company_a, manager_a):
    lead = make_user(Role.CONTRACTOR_ENGINEER, company_a, username="lead_a")
    StaffMemberFactory(
        company=company_a, user=lead, position=StaffMember.Position.GROUP_LEAD
    )
    boss = make_user(Role.MAINTENANCE_MANAGER, username="mm")
    return {"group_lead": lead, "contractor_manager": manager_a, "mm": boss}


def told_users(hooks) -> list[set[str]]:
    return [
        {g for g in hook.groups if g.startswith("user.")}
        for hook in hooks
        if getattr(hook, "payload", {}).get("level")
    ]


def levels(ticket):
    return [
        (t.notes[0]["params"]["level"], t.notes[0]["params"]["target"])
        for t in ticket.transitions.filter(action="escalated")
    ]


def test_each_level_at_its_moment_to_its_people(
    dispatch, engineer_a, client_for, chain_people, django_capture_on_commit_callbacks
):
    with time_machine.travel(T0, tick=False):
        ticket = dispatch(level=1)  # due at 5 h
        client_for(engineer_a).post(task_url(ticket))
    due = T0 + 5 * HOUR
    steps = [
        (due, "group_lead", chain_people["group_lead"]),
        (due + 2 * HOUR, "contractor_manager", chain_people["contractor_manager"]),
        (due + 4 * HOUR, "maintenance_manager", chain_people["mm"]),
    ]
    for number, (moment, target, person) in enumerate(steps, start=1):
        fire_at(moment - timedelta(seconds=1))
        ticket.refresh_from_db()
        assert ticket.escalation_level == number - 1
        with django_capture_on_commit_callbacks(execute=True) as hooks:
            fire_at(moment)
        ticket.refresh_from_db()
        assert ticket.escalation_level == number and ticket.overdue
        assert told_users(hooks) == [{user_group(person.pk)}]
        told = next(h for h in hooks if getattr(h, "payload", {}).get("level"))
        assert told.payload == {
            "process": ticket.pk, "sla": "overdue", "level": number, "to": target
        }  # fmt: skip
        assert f"company.{ticket.company_id}" in told.groups
    assert fire_at(due + 30 * HOUR) == 0
    assert levels(ticket) == [
        (1, "group_lead"), (2, "contractor_manager"), (3, "maintenance_manager")
    ]  # fmt: skip
    assert ticket.escalated_at == due


def test_the_chain_is_the_cms_one(dispatch, engineer_a, client_for, chain_people):
    rules = SlaRules.objects.get()
    rules.escalations = [
        SlaEscalation(target="maintenance_manager", after_hours=Decimal("1"))
    ]
    rules.save_revision().publish()
    with time_machine.travel(T0, tick=False):
        ticket = dispatch(level=1)
        client_for(engineer_a).post(task_url(ticket))
    fire_at(T0 + 5 * HOUR)
    ticket.refresh_from_db()
    assert ticket.escalation_level == 0 and not ticket.overdue
    fire_at(T0 + 6 * HOUR)
    fire_at(T0 + 20 * HOUR)
    ticket.refresh_from_db()
    assert levels(ticket) == [(1, "maintenance_manager")]
    step = ticket.transitions.get(action="escalated")
    assert step.rules["revision_id"] == SlaRules.objects.get().live_revision_id


def test_restoring_stops_the_chain(dispatch, engineer_a, client_for, chain_people):
    with time_machine.travel(T0, tick=False):
        ticket = dispatch(level=1)
        engineer = client_for(engineer_a)
        engineer.post(task_url(ticket))  # accept
        engineer.post(task_url(ticket))  # arrive on site
    fire_at(T0 + 5 * HOUR)
    with time_machine.travel(T0 + 6 * HOUR, tick=False):
        engineer = client_for(engineer_a)
        engineer.post(task_url(ticket), {"cause": "市电", "measures": "发电"})
    fire_at(T0 + 20 * HOUR)
    assert levels(ticket) == [(1, "group_lead")]
