"""The deduction table is one table in the CMS: event, points, cap per month."""

from decimal import Decimal

import pytest
from django.urls import reverse

from home.models import AssessmentRules
from home.rules import current_rules
from tests.home.conftest import form_data

pytestmark = pytest.mark.django_db

URL = "wagtailsnippets_home_assessmentrules:edit"


def test_the_admin_edits_a_cap_and_the_window_in_one_form(client_for, carrier_admin):
    client = client_for(carrier_admin)
    rules = AssessmentRules.objects.get()
    page = client.get(reverse(URL, args=[rules.pk]))
    assert page.status_code == 200
    data = form_data(page.context["form"])
    row = next(
        key.removesuffix("-event")
        for key, value in data.items()
        if key.startswith("deductions-")
        and key.endswith("-event")
        and value == "overdue_ticket"
    )
    assert f"{row}-cap" in data
    assert any(k.startswith("payment_factors-") for k in data)
    data.update(
        {f"{row}-cap": "15", "objection_days": "3", "action-publish": "action-publish"}
    )
    assert client.post(reverse(URL, args=[rules.pk]), data).status_code == 302
    snapshot = current_rules().assessment
    assert snapshot.caps["overdue_ticket"] == Decimal("15")
    assert snapshot.objection_days == 3


def test_a_negative_cap_is_refused(client_for, carrier_admin):
    client = client_for(carrier_admin)
    rules = AssessmentRules.objects.get()
    data = form_data(client.get(reverse(URL, args=[rules.pk])).context["form"])
    row = next(k for k in data if k.startswith("deductions-") and k.endswith("-cap"))
    data.update({row: "-1", "action-publish": "action-publish"})
    answer = client.post(reverse(URL, args=[rules.pk]), data)
    assert answer.status_code == 200
    rules.refresh_from_db()
    assert not rules.deductions.filter(cap__lt=0).exists()


def test_the_admin_drafts_a_month_twice_without_a_second_assessment(
    client_for, carrier_admin, contract_a, contract_b, manager_a
):
    import time_machine

    from workflows.assessment.models import Assessment

    from .conftest import NOW

    url = reverse("assessment_draft")
    assert client_for(manager_a).get(url).status_code in (302, 403)
    client = client_for(carrier_admin)
    with time_machine.travel(NOW, tick=False):
        assert client.get(url).status_code == 200
        for _ in range(2):
            assert client.post(url, {"month": "2026-11"}).status_code == 302
        refused = client.post(url, {"month": "2026-12"})
    assert refused.status_code == 200
    assert Assessment.objects.filter(month="2026-11-01").count() == 2
    assert not Assessment.objects.filter(month="2026-12-01").exists()
