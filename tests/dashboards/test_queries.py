"""The data answer takes the same number of queries for 10 tickets as for 200."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import LeaveFactory

from .conftest import at

pytestmark = pytest.mark.django_db


def queries(client, url):
    client.get(url)  # warm: sessions, roles, rules snapshot
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def add(ticket, sites, company, count):
    for i in range(count):
        ticket(sites[i % len(sites)], at(2026, 1 + i % 6, 1 + i % 27), closed=i % 2)
    LeaveFactory.create_batch(count // 10, company=company, person__company=company)


@pytest.mark.parametrize("url", ["dashboards:data", "dashboards:dashboard"])
def test_query_count_constant_as_tickets_grow(
    url, ticket, site_a, site_a2, company_a, client_for, carrier_admin, make_user
):
    client = client_for(carrier_admin)
    path = reverse(url)
    add(ticket, [site_a, site_a2], company_a, 10)
    few = queries(client, path)

    add(ticket, [site_a, site_a2], company_a, 190)

    assert queries(client, path) == few
