"""``manage.py load_demo`` builds the demo and a second run changes nothing."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core import serializers
from django.core.management import call_command
from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.status import PROCESS, STATUS
from wagtail.models import Revision

from fixtures import DEMO_PASSWORD
from registry.calendar import local_today
from registry.models import Company, Contract, Membership, Region, Site, StaffMember
from workflows.leave.models import Leave
from workflows.models import Request, Transition
from workflows.temp_lead.models import TempLead
from workflows.temp_lead.selectors import acting_lead_for

MODELS = (
    Company,
    Contract,
    Membership,
    Region,
    Site,
    StaffMember,
    Request,
    Leave,
    TempLead,
    Transition,
    Task,
)


def snapshot() -> dict:
    User = get_user_model()
    rows = {
        m.__name__: serializers.serialize("json", m.objects.order_by("pk"))
        for m in MODELS
    }
    rows["users"] = list(
        User.objects.order_by("pk").values_list(
            "username", "password", "first_name", "email", "groups__name"
        )
    )
    rows["revisions"] = Revision.objects.count()
    return rows


def open_steps(model) -> list[str]:
    tasks = Task.objects.filter(
        process_id__in=model.objects.values("pk"), flow_task_type="HUMAN"
    )
    return sorted(task.flow_task.name for task in tasks.filter(status=STATUS.NEW))


def rejected_at(step: str):
    return Leave.objects.filter(
        outcome="rejected", transitions__action="rejected", transitions__step=step
    )


def timer_of(leave) -> Task:
    return Task.objects.get(process_id=leave.pk, status=STATUS.SCHEDULED)


@pytest.mark.django_db
def test_demo_has_two_companies_with_their_contracts_and_staff():
    call_command("load_demo")
    assert Company.objects.count() == 2
    headcounts = sorted(Contract.objects.values_list("headcount", flat=True))
    assert headcounts == [20, 30]
    assert 55 <= StaffMember.objects.count() <= 65
    assert Site.objects.count() >= 12
    assert set(Site.objects.values_list("region__tier", flat=True)) == {
        "core_city",
        "delta",
        "other",
        "remote",
    }


@pytest.mark.django_db
def test_demo_has_leave_in_every_state():
    call_command("load_demo")
    today = local_today()
    assert open_steps(Leave) == ["carrier_approval", "company_approval"]
    waiting = Leave.objects.get(outcome="", decision="approved")
    assert waiting.needs_carrier and waiting.days > waiting.carrier_after_days
    assert rejected_at("company_approval").count() == 1
    assert rejected_at("carrier_approval").count() == 1
    approved = Leave.objects.filter(outcome="approved")
    ahead = approved.get(began_on__isnull=True)
    assert ahead.start_date > today and timer_of(ahead).flow_task.name == "wait_start"
    away = approved.filter(began_on__isnull=False, ended_on__isnull=True)
    assert away.count() == 2
    for leave in away:
        assert leave.start_date <= today <= leave.end_date
        assert leave.person.status == StaffMember.Status.ON_LEAVE
    over = approved.get(ended_on__isnull=False)
    assert over.end_date < today and over.status == PROCESS.DONE


@pytest.mark.django_db
def test_demo_has_temporary_leads_awaiting_acting_and_over():
    call_command("load_demo")
    today = local_today()
    assert open_steps(TempLead) == ["acknowledge"]
    assert TempLead.objects.get(status=PROCESS.NEW).start_date > today
    acknowledged = TempLead.objects.filter(outcome="acknowledged")
    assert [lead.acting_today for lead in acknowledged.order_by("start_date")] == [
        False,
        True,
    ]
    assert acknowledged.get(end_date__lt=today)
    acting = acknowledged.get(end_date__gte=today)
    assert acting_lead_for(acting.company, today) == acting.stand_in


@pytest.mark.django_db
def test_second_run_changes_nothing():
    call_command("load_demo")
    first = snapshot()
    call_command("load_demo")
    assert snapshot() == first


@pytest.mark.django_db
def test_a_rerun_keeps_what_the_flows_did_and_fires_timers_fallen_due():
    call_command("load_demo")
    gone = StaffMember.objects.filter(employee_no="XL025")
    gone.update(status=StaffMember.Status.LEFT, left_on=datetime.date(2026, 12, 1))
    ahead = Leave.objects.get(outcome="approved", began_on__isnull=True)
    Task.objects.filter(pk=timer_of(ahead).pk).update(scheduled=timezone.now())
    call_command("load_demo")
    assert gone.get().status == StaffMember.Status.LEFT
    ahead.refresh_from_db()
    assert ahead.began_on == ahead.start_date
    assert timer_of(ahead).flow_task.name == "wait_end"


@pytest.mark.django_db
def test_every_demo_user_logs_in_with_the_printed_password(client):
    call_command("load_demo")
    for user in get_user_model().objects.all():
        assert client.login(username=user.username, password=DEMO_PASSWORD)
        assert user.groups.exists(), user.username


@pytest.mark.django_db
def test_the_printed_logins_name_each_role():
    from io import StringIO

    from django.utils import translation

    out = StringIO()
    with translation.override("zh-hans"):
        call_command("load_demo", "--logins", stdout=out)
    printed = out.getvalue()
    assert f"（密码：{DEMO_PASSWORD}）" in printed
    assert "  lead_a     代维单位负责人 (contractor_manager)\n" in printed
