"""The typed leave form a request form page will use: thin over the service."""

import pytest

from registry.calendar import local_today
from workflows.leave.forms import LeaveForm
from workflows.leave.models import END_BEFORE_START

from ...factories import StaffMemberFactory

pytestmark = pytest.mark.django_db


def form_data(**values):
    today = local_today().isoformat()
    return {"start_date": today, "end_date": today, "reason": "看病", **values}


def test_engineer_may_choose_only_themselves(engineer_a, person_a, company_a):
    StaffMemberFactory(company=company_a, name="同事")
    form = LeaveForm(form_data(), user=engineer_a)
    assert list(form.fields["person"].queryset) == [person_a]
    assert form.is_valid(), form.errors
    assert form.to_input().person is None  # the service files it for themselves


def test_manager_chooses_among_the_company_staff(
    manager_a, person_a, company_a, company_b
):
    StaffMemberFactory(company=company_b, name="别家")
    form = LeaveForm(form_data(person=person_a.pk), user=manager_a)
    assert [p.name for p in form.fields["person"].queryset] == ["张伟"]
    assert form.is_valid(), form.errors


def test_the_services_message_reaches_the_field(engineer_a, person_a):
    form = LeaveForm(form_data(end_date="2000-01-01"), user=engineer_a)
    assert not form.is_valid()
    assert form.errors["end_date"] == [str(END_BEFORE_START)]


def test_a_reason_is_at_most_2000_characters(engineer_a, person_a):
    assert LeaveForm(form_data(reason="病" * 2000), user=engineer_a).is_valid()
    form = LeaveForm(form_data(reason="病" * 2001), user=engineer_a)
    assert not form.is_valid()
    assert form.errors["reason"] == [
        "Ensure this value has at most 2000 characters (it has 2001)."
    ]
