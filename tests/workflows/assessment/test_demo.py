"""The demo's assessments: six months back, every state, mixed grades."""

import pytest
from django.core.management import call_command

from registry.calendar import local_today
from registry.models import Company
from workflows.assessment.models import Assessment
from workflows.assessment.rules import previous_quarter
from workflows.assessment.selectors import payment_for

pytestmark = pytest.mark.django_db


def test_the_demo_has_assessments_in_every_state_with_mixed_grades():
    call_command("load_demo")
    rows = Assessment.objects.all()
    assert rows.count() == 12
    assert set(rows.values_list("state", flat=True)) == set(Assessment.State.values)
    assert {"excellent", "good", "pass", "fail"} <= set(
        rows.values_list("grade", flat=True)
    )
    assert rows.filter(lines__decision="upheld").exists()
    assert rows.filter(lines__decision="rejected").exists()
    year, quarter = previous_quarter(local_today())
    figure, _contract = payment_for(
        company=Company.objects.get(code="qiming"), year=year, quarter=quarter
    )
    assert figure.amount is not None

    call_command("load_demo")
    assert Assessment.objects.count() == 12
