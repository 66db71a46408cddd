"""The demo gives every ticket chart a shape: a year of history by company."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from dashboards.registry import panel_of
from dashboards.selectors import scope_for
from workflows.faults.models import FaultTicket

pytestmark = pytest.mark.django_db


def test_demo_history_fills_the_year_and_a_rerun_adds_nothing(client_for):
    call_command("load_demo")
    admin = get_user_model().objects.get(username="admin")
    scope = scope_for(user=admin, period="12m")

    trend = panel_of("trend").rows(scope)
    sla = panel_of("sla").rows(scope)

    assert sum(1 for month in trend if month["dispatched"]) == 12
    assert {row["company"] for row in sla} == {c.name for c in scope.companies.values()}
    assert any(row["overdue"] for row in sla)
    assert len({row["compliance"] for row in sla}) > 1
    count = FaultTicket.objects.count()
    call_command("load_demo")
    assert FaultTicket.objects.count() == count
    history = FaultTicket.objects.filter(reference__startswith="LS-").first()
    page = client_for(admin).get(reverse("workflows:request", args=[history.pk]))
    assert page.status_code == 200
