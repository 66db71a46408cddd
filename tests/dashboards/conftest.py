"""Dashboard fixtures: bare ticket rows on known dates, clients, the clock."""

import datetime

import factory
import pytest
import time_machine
from django.utils import timezone
from factory.django import DjangoModelFactory

from registry.models import Region
from tests.factories import RegionFactory, SiteFactory
from tests.training.conftest import make_module, training_index  # noqa: F401
from tests.workflows.conftest import rules_after_flush, socket_for, submit  # noqa: F401
from tests.workflows.inspection.conftest import room_checklist  # noqa: F401
from workflows.faults.flows import FaultFlow
from workflows.faults.models import FaultTicket

# Every dashboard test runs on this day (a Friday); the default period is the
# twelve months to June 2026.
TODAY = datetime.datetime(2026, 6, 12, 10, 0, tzinfo=timezone.get_fixed_timezone(480))


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture(autouse=True)
def english_pages(settings):
    settings.LANGUAGE_CODE = "en"


class TicketFactory(DjangoModelFactory):
    """A bare fault ticket row (no tasks): what the dashboards count."""

    class Meta:
        model = FaultTicket

    flow_class = FaultFlow
    reference = factory.Sequence(lambda n: f"GZ-2026-{n:06d}")
    requester = factory.SubFactory("tests.factories.UserFactory")
    summary = "基站退服"
    level = 1
    mode = "on_site"
    tier = Region.Tier.CORE_CITY
    description = "基站退服，传输中断"
    state = FaultTicket.State.ACCEPTED
    sla_hours = 5

    @factory.lazy_attribute
    def sla_due_at(self):
        return self.dispatched_at + datetime.timedelta(hours=5)


def at(year, month, day=10, hour=9):
    return timezone.make_aware(datetime.datetime(year, month, day, hour))


@pytest.fixture
def region_north():
    return RegionFactory(code="sy", name_zh="沈阳", name_en="Shenyang")


@pytest.fixture
def site_a2(company_a, region_north):
    return SiteFactory(code="sy-a-01", maintained_by=company_a, region=region_north)


@pytest.fixture
def ticket(site_a):
    """``ticket(site, when, closed=False, late=False, open_late=False)``."""

    def make(site=None, when=None, *, closed=False, late=False, requester=None):
        site = site or site_a
        extra = {"requester": requester} if requester else {}
        when = when or at(2026, 5)
        values = {
            "company": site.maintained_by,
            "site": site,
            "dispatched_at": when,
            "overdue": late,
        }
        if closed:
            values |= {
                "state": FaultTicket.State.CLOSED,
                "restored_at": when + datetime.timedelta(hours=7 if late else 2),
            }
        return TicketFactory(**values, **extra)

    return make
