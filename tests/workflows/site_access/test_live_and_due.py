"""The overdue flag is told live to the site owners and the filer's company only;
each human step's due time."""

import datetime

import pytest
from django.utils import timezone
from viewflow.workflow.timers import fire_due_timers

from home.rules import current_rules
from workflows.live import events
from workflows.live.groups import auth_group, company_group, user_group
from workflows.services import task_act
from workflows.site_access.services import decision_record
from workflows.site_access.steps import (
    DUE,
    approval_due,
    check_in_due,
    check_out_due,
)

from .conftest import open_task

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(monkeypatch):
    calls = []
    monkeypatch.setattr(
        events,
        "send_now",
        lambda groups, payload, event_id="": calls.append((list(groups), payload)),
    )
    return calls


def approve(visit, owner):
    task_act(
        task_pk=open_task(visit).pk,
        user=owner,
        act=lambda a: decision_record(
            visit=a.process, task=a.task, user=owner, decision="approved", comment=""
        ),
    )


def test_overdue_reaches_the_site_owners_and_the_company_not_another(
    clock,
    file_visit,
    owner,
    company_a,
    company_b,
    sent,
    django_capture_on_commit_callbacks,
):
    visit = file_visit()
    approve(visit, owner)
    clock.move_to(visit.window_end + datetime.timedelta(seconds=1), tick=False)
    with django_capture_on_commit_callbacks(execute=True):
        fire_due_timers()
    overdue = [groups for groups, payload in sent if payload.get("overdue")]
    assert len(overdue) == 1
    owners = current_rules().staff_change.site_access_group.id
    assert set(overdue[0]) == {
        auth_group(owners),
        company_group(company_a.pk),
        user_group(visit.requester_id),
    }
    everything = {group for groups, _ in sent for group in groups}
    assert company_group(company_b.pk) not in everything


def test_due_times_of_each_step(clock, file_visit, owner):
    visit = file_visit()
    rules = current_rules()
    task = open_task(visit, "approval")
    assert approval_due(task, rules) == visit.window_start
    approve(visit, owner)
    task = open_task(visit, "check_in")
    assert check_in_due(task, rules) == visit.window_end
    assert check_out_due(task, rules) == visit.window_end
    assert set(DUE) == {"approval", "check_in", "check_out"}
    assert visit.window_end > timezone.now()
