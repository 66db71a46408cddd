"""``manage.py load_demo`` builds the demo and a second run changes nothing."""

import pytest
from django.contrib.auth import get_user_model
from django.core import serializers
from django.core.management import call_command
from wagtail.models import Revision

from fixtures import DEMO_PASSWORD
from registry.models import Company, Contract, Membership, Region, Site, StaffMember

MODELS = (Company, Contract, Membership, Region, Site, StaffMember)


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
def test_second_run_changes_nothing():
    call_command("load_demo")
    first = snapshot()
    call_command("load_demo")
    assert snapshot() == first


@pytest.mark.django_db
def test_every_demo_user_logs_in_with_the_printed_password(client):
    call_command("load_demo")
    for user in get_user_model().objects.all():
        assert client.login(username=user.username, password=DEMO_PASSWORD)
        assert user.groups.exists(), user.username
