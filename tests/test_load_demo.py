"""``manage.py load_demo`` builds the demo and a second run changes nothing.

The demo's story (who waits on whom, what took effect, who is away) and its
counts are the same on any day: the tests load it on several.
"""

import contextlib
import datetime
import os
from collections import Counter
from unittest import mock

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core import serializers
from django.core.management import CommandError, call_command
from django.db import transaction
from django.utils import timezone, translation
from viewflow.workflow.models import Task
from viewflow.workflow.status import PROCESS, STATUS
from wagtail.models import Revision

from fixtures import DEMO_PASSWORD
from fixtures.leave import DEMO as LEAVE
from fixtures.registry import contract_number
from fixtures.staff_changes import DEMO as STAFF_CHANGES
from fixtures.temp_leads import DEMO as TEMP_LEADS
from home.models import PolicyPage
from ledgers.models import Asset, AssetEvent, Key, KeyLoan, Part, PartMove
from registry.calendar import CALENDAR_ZONE, local_today
from registry.models import Company, Contract, Membership, Region, Site, StaffMember
from workflows.leave.models import Leave
from workflows.models import Request, Transition
from workflows.staff_change.models import StaffChange
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
    Part,
    PartMove,
    Key,
    KeyLoan,
    Asset,
    AssetEvent,
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


# The demo loaded on the real day, on a 2 January (contracts written for one
# calendar year used to end the day before) and on a leap day of a year the
# statutory calendar does not know (working days fall back to Monday to Friday).
DAYS = {
    "today": None,
    "january": datetime.datetime(2027, 1, 2, 9, tzinfo=CALENDAR_ZONE),
    "leap-day-no-calendar": datetime.datetime(2028, 2, 29, 23, tzinfo=CALENDAR_ZONE),
}
# On PostgreSQL (the services lanes) the demo loads on the real day only: the
# other days try the calendar's edges, which the embedded suite covers.
LOADED_ON = {"today": None} if os.environ.get("DATABASE_URL") else DAYS


@pytest.fixture(scope="class", params=LOADED_ON.values(), ids=LOADED_ON.keys())
def demo_day(request, django_db_setup, django_db_blocker):
    """The demo loaded on that day, once for the class's tests (they only read
    it), and rolled back after them; the clock stays on that day meanwhile."""
    clock = time_machine.travel(request.param, tick=True) if request.param else None
    with django_db_blocker.unblock(), transaction.atomic():
        with clock or contextlib.nullcontext():
            call_command("load_demo")
            yield local_today()
        transaction.set_rollback(True)


def contract_of(number_template: str) -> Contract:
    return Contract.objects.get(number=contract_number(number_template))


def staff_change_state(change: StaffChange) -> str:
    """Where the change stands: its open step, or how it ended or waits."""
    task = Task.objects.filter(process_id=change.pk).exclude(status=STATUS.DONE)
    task = task.first()
    if task is None:
        return change.outcome
    if task.status == STATUS.SCHEDULED:
        return f"timer {task.flow_task.name}"
    return task.flow_task.name


@pytest.mark.django_db  # ordered with the database tests, before any flush
class TestTheDemoOnEachDay:
    """What the demo promises, loaded once per day for all of these."""

    def test_demo_has_two_companies_with_their_contracts_and_staff(self, demo_day):
        assert Company.objects.count() == 2
        assert Region.objects.count() == 4
        assert Site.objects.count() == 12
        headcounts = sorted(Contract.objects.values_list("headcount", flat=True))
        assert headcounts == [20, 30]
        for contract in Contract.objects.all():
            assert contract.period_start <= demo_day <= contract.period_end
            assert contract.period_end - demo_day == datetime.timedelta(days=40)
            assert contract.number.startswith(f"DW-{contract.period_start.year}-")
        # 60 people in data/registry.json, 1 + 4 joined by the two changes in effect.
        assert StaffMember.objects.count() == 65
        assert dict(Counter(StaffMember.objects.values_list("status", flat=True))) == {
            "on_duty": 48,
            "on_leave": 2,
            "trainee": 9,
            "left": 6,
        }
        assert set(Site.objects.values_list("region__tier", flat=True)) == {
            "core_city",
            "delta",
            "other",
            "remote",
        }

    def test_demo_has_staff_changes_in_every_state(self, demo_day):
        changes = [StaffChange.objects.get(reason=spec[5]) for spec in STAFF_CHANGES]
        assert [staff_change_state(change) for change in changes] == [
            "approved",  # took effect months ago
            "review",  # company A: within the cap
            "revise",  # returned for changes
            "rejected",
            "timer wait_effective",  # approved, takes effect in 10 days
            "approved",  # an exception above the cap, in effect
            "exception_review",  # company B: over the cap, to the department head
        ]
        assert [change.within_cap for change in changes] == [True] * 5 + [False] * 2
        over = {change.contract for change in changes if not change.within_cap}
        assert over == {contract_of("DW-{year}-002")}
        assert changes[1].contract == contract_of("DW-{year}-001")
        for change in changes:
            contract = change.contract
            assert contract.period_start <= change.effective_date <= contract.period_end
        in_effect = [change for change in changes if change.applied_on]
        assert [change.effective_date <= demo_day for change in in_effect] == [True] * 2
        waiting = changes[4]
        assert waiting.effective_date == demo_day + datetime.timedelta(days=10)
        leaver = waiting.people.get(direction="out").staff
        assert leaver.status == StaffMember.Status.ON_DUTY
        assert waiting.contract == contract_of("DW-{year}-002")

    def test_demo_has_leave_in_every_state(self, demo_day):
        today = demo_day
        assert open_steps(Leave) == ["carrier_approval", "company_approval"]
        waiting = Leave.objects.get(outcome="", decision="approved")
        assert waiting.needs_carrier and waiting.days > waiting.carrier_after_days
        assert rejected_at("company_approval").count() == 1
        assert rejected_at("carrier_approval").count() == 1
        approved = Leave.objects.filter(outcome="approved")
        ahead = approved.get(began_on__isnull=True)
        assert ahead.start_date > today
        assert timer_of(ahead).flow_task.name == "wait_start"
        away = approved.filter(began_on__isnull=False, ended_on__isnull=True)
        assert away.count() == 2
        for leave in away:
            assert leave.start_date <= today <= leave.end_date
            assert leave.person.status == StaffMember.Status.ON_LEAVE
        over = approved.get(ended_on__isnull=False)
        assert over.end_date < today and over.status == PROCESS.DONE
        for leave in Leave.objects.select_related("person__contract"):
            contract = leave.person.contract
            assert contract.period_start <= leave.start_date <= contract.period_end
            assert contract.period_start <= leave.end_date <= contract.period_end

    def test_demo_has_temporary_leads_awaiting_acting_and_over(self, demo_day):
        today = demo_day
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
        for lead in TempLead.objects.select_related("stand_in__contract"):
            contract = lead.stand_in.contract
            assert contract.period_start <= lead.start_date <= lead.end_date
            assert lead.end_date <= contract.period_end

    def test_demo_policies_took_effect_before_the_demo_day(self, demo_day):
        dates = PolicyPage.objects.values_list("effective_date", flat=True)
        assert len(dates) == 5
        assert all(date < demo_day for date in dates)

    def test_demo_has_ledgers_in_every_state(self, demo_day):
        states = Counter(Part.objects.values_list("state", flat=True))
        assert set(states) == set(Part.State.values)
        broken = Part.objects.filter(state="broken")
        assert broken.filter(repair_due__lt=demo_day).count() == 1
        assert broken.filter(repair_due__gte=demo_day).count() == 1
        assert Part.objects.filter(late=True).count() == 1
        now = timezone.now()
        open_loans = KeyLoan.objects.filter(returned_at__isnull=True)
        assert open_loans.filter(due_back__lt=now).count() == 2
        assert open_loans.filter(due_back__gte=now).count() == 1
        assert KeyLoan.objects.filter(returned_at__isnull=False).count() == 2
        kinds = set(AssetEvent.objects.values_list("kind", flat=True))
        assert kinds == set(AssetEvent.Kind.values)
        assert Asset.objects.filter(removed=True).count() == 2

    def test_demo_has_fault_tickets_in_every_state(self, demo_day):
        from workflows.faults.models import FaultTicket

        demo = FaultTicket.objects.exclude(reference__startswith="LS-")
        assert set(demo.values_list("state", flat=True)) == set(
            FaultTicket.State.values
        )
        open_ones = demo.filter(finished__isnull=True)
        flags = Counter(t.sla_flag for t in open_ones)
        assert flags["warning"] >= 1 and flags["overdue"] >= 2
        assert open_ones.filter(escalated_at__isnull=False).count() >= 2
        escalated = open_ones.filter(escalated_at__isnull=False)
        assert escalated.values("site__region").distinct().count() >= 2
        arrivals = set(demo.values_list("arrival__flag", flat=True))
        assert {"within", "far", "unknown"} <= arrivals
        assert demo.values("site__region").distinct().count() == 4
        assert Site.objects.filter(latitude__isnull=True).count() == 0

    def test_a_demo_visit_with_outsiders_changed_the_asset_ledger(self, demo_day):
        from workflows.site_access.models import SiteVisit

        events = AssetEvent.objects.exclude(process=None).select_related("asset")
        assert sorted((e.asset.tag, e.kind) for e in events) == [
            ("FA-XL-0003", "removed"),
            ("FA-XL-0004", "added"),
        ]
        visit = SiteVisit.objects.get(pk=events[0].process_id)
        assert visit.equipment_change and visit.finished is not None
        assert visit.visitors.filter(staff=None).exists()
        assert {e.reference for e in events} == {visit.reference}


@pytest.mark.django_db
def test_a_rerun_on_a_later_day_keeps_every_date_and_lets_time_pass():
    with time_machine.travel(DAYS["january"], tick=True):
        call_command("load_demo")
        first = snapshot()
        dated = dated_rows()
    waiting = StaffChange.objects.get(reason=STAFF_CHANGES[4][5])
    leaver = waiting.people.get(direction="out").staff
    with time_machine.travel(DAYS["january"] + datetime.timedelta(days=400)):
        call_command("load_demo")
        assert dated_rows() == dated
        for name in ("Company", "Contract", "Site", "Region"):
            assert snapshot()[name] == first[name]
        # Only the timers fallen due moved: the replacement took effect.
        leaver.refresh_from_db()
        assert leaver.status == StaffMember.Status.LEFT
        assert leaver.left_on == waiting.effective_date
        assert StaffMember.objects.count() == 66
        assert StaffChange.objects.count() == len(STAFF_CHANGES)
        assert Leave.objects.count() == len(LEAVE)
        assert TempLead.objects.count() == len(TEMP_LEADS)


def joined_through_changes():
    """Staff an approved change added (numbered from the company's sequence)."""
    from workflows.staff_change.models import StaffChangePerson

    rows = StaffChangePerson.objects.filter(direction="in", staff__isnull=False)
    return rows.values("staff")


def dated_rows() -> dict:
    return {
        "contracts": list(
            Contract.objects.order_by("pk").values_list(
                "number", "period_start", "period_end"
            )
        ),
        "staff": list(
            StaffMember.objects.filter(employee_no__regex=r"^[A-Z]{2}\d{3}$")
            .exclude(pk__in=joined_through_changes())
            .order_by("pk")
            .values_list("joined_on", "certificate_expiry")
        ),
        "policies": list(
            PolicyPage.objects.order_by("pk").values_list("effective_date", flat=True)
        ),
    }


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
    gone.update(status=StaffMember.Status.LEFT, left_on=local_today())
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


@pytest.mark.django_db
def test_refuses_under_the_production_settings_unless_forced(settings):
    settings.PORTAL_PRODUCTION = True

    with translation.override("zh-hans"):
        with pytest.raises(CommandError) as refused:
            call_command("load_demo")
        message = str(refused.value)  # a lazy message: read it in Chinese

    assert message == (
        "这是生产环境的设置：演示用户的密码是公开的，它们会进入正式数据库。"
        "确需加载请加 --force。"
    )
    assert not Company.objects.exists()
    with mock.patch("fixtures.load_all") as load_all:
        call_command("load_demo", "--force")
    load_all.assert_called_once_with()
