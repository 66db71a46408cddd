import datetime

import pytest
from django.utils import timezone

from ledgers.models import Asset, Key, Part
from registry.calendar import CALENDAR_ZONE


def local(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=CALENDAR_ZONE)


@pytest.fixture
def part_a(company_a):
    return Part.objects.create(
        part_number="RRU-3268",
        serial="SN-A-1",
        kind=Part.Kind.BOARD,
        holder=company_a,
        store="天河备件库",
    )


@pytest.fixture
def part_b(company_b):
    return Part.objects.create(
        part_number="RRU-3268",
        serial="SN-B-1",
        kind=Part.Kind.BOARD,
        holder=company_b,
        store="沈阳备件库",
    )


@pytest.fixture
def key_a(company_a, site_a):
    return Key.objects.create(
        code="k-a-1", label="机房大门", site=site_a, holder=company_a
    )


@pytest.fixture
def key_b(company_b, site_b):
    return Key.objects.create(
        code="k-b-1", label="基站门", site=site_b, holder=company_b
    )


@pytest.fixture
def asset_a(site_a):
    return Asset.objects.create(
        tag="FA-A-001", name="开关电源", site=site_a, agreed_on=timezone.localdate()
    )
