"""An XLSX export holds the same headings and numbers as the panel's table."""

import io

import openpyxl
import pytest
from django.urls import reverse

from .conftest import at

pytestmark = pytest.mark.django_db


def sheet(client, key, **query):
    response = client.get(reverse("dashboards:export", args=[key]), query)
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml"
    )
    rows = openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(
        values_only=True
    )
    return [list(row) for row in rows]


def table(client, key, **query):
    answer = client.get(reverse("dashboards:data"), query).json()
    panel = next(p for p in answer["panels"] if p["key"] == key)
    keys = [column["key"] for column in panel["columns"]]
    head = [column["label"] for column in panel["columns"]]
    body = [[row[k] for k in keys] for row in panel["rows"]]
    return [head, *body]


@pytest.mark.parametrize("key", ["trend", "sla"])
def test_export_matches_the_table(
    key, ticket, site_a, site_b, client_for, carrier_admin
):
    ticket(site_a, at(2026, 5), closed=True)
    ticket(site_a, at(2026, 5), closed=True, late=True)
    ticket(site_b, at(2026, 2), closed=True)
    client = client_for(carrier_admin)

    assert sheet(client, key) == table(client, key)


def test_export_neutralises_a_formula_in_a_company_name(
    ticket, site_a, company_a, client_for, carrier_admin
):
    company_a.name_en = "=HYPERLINK(1)"
    company_a.save()
    ticket(site_a, at(2026, 5), closed=True)

    rows = sheet(client_for(carrier_admin), "sla")

    assert rows[1][0] == "'=HYPERLINK(1)"


def test_export_follows_the_period_filter(ticket, site_a, client_for, carrier_admin):
    ticket(site_a, at(2026, 6, 2))
    ticket(site_a, at(2026, 4, 2))

    rows = sheet(client_for(carrier_admin), "trend", period="month")

    assert rows[1:] == [["2026-06", 1, 0, 1]]  # open past its limit
