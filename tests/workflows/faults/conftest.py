import pytest
from django.urls import reverse
from viewflow.workflow.models import Task

from home.models.sla import SlaRules
from registry.roles import Role
from workflows.faults.services import TicketInput, ticket_dispatch


@pytest.fixture
def noc(make_user):
    return make_user(Role.MONITORING_CENTRE, username="noc")


@pytest.fixture
def engineer_b(make_user, company_b):
    return make_user(Role.CONTRACTOR_ENGINEER, company_b, username="engineer_b")


@pytest.fixture
def dispatch(noc, site_a):
    """``dispatch(level=1, mode="on_site", site=site_a)``: a ticket from the NOC."""

    def do(
        level=1, mode="on_site", site=None, description="基站退服，传输中断", **extra
    ):
        data = TicketInput(
            site=site or site_a,
            level=level,
            mode=mode,
            description=description,
            **extra,
        )
        return ticket_dispatch(user=extra.pop("user", noc), data=data)

    return do


@pytest.fixture
def publish_sla():
    """Publish new SLA hours for one cell (or the warning share) as in the CMS."""

    def do(cell=None, hours=None, warning_percent=None):
        rules = SlaRules.objects.get()
        if cell is not None:
            targets = list(rules.targets.all())
            for target in targets:
                if (target.level, target.tier, target.mode) == cell:
                    target.hours = hours
            rules.targets = targets
        if warning_percent is not None:
            rules.early_warning_percent = warning_percent
        rules.save_revision().publish()
        return SlaRules.objects.get().live_revision_id

    return do


def open_task(ticket, name=None):
    tasks = Task.objects.filter(
        process_id=ticket.pk, status__in=["NEW", "ASSIGNED"], flow_task_type="HUMAN"
    )
    return tasks.get()


def task_url(ticket, task=None):
    task = task or open_task(ticket)
    return reverse("workflows:task", args=[ticket.pk, task.pk])


def actions(ticket):
    return list(ticket.transitions.values_list("action", flat=True))
