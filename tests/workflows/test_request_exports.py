"""The admin's per-flow request export: every company's requests, typed fields,
answers, neutralised cells; for the carrier's admins only."""

import csv
import io

import pytest
from django.utils import translation
from openpyxl import load_workbook

from registry.roles import Role
from workflows.exports import requests_dataset
from workflows.models import Request
from workflows.staff_change.flows import StaffChangeFlow

pytestmark = pytest.mark.django_db

URL = "/admin/requests/export/"


@pytest.fixture
def two_companies(submit, manager_b, contract_b, roster_a):
    mine = submit(reason='=HYPERLINK("http://evil.example")')
    other = submit(user=manager_b, contract=contract_b, reason="扩容")
    Request.objects.filter(pk=mine.pk).update(
        answers=[
            {"name": "vendor", "label": "外包单位", "value": "+86 800", "kind": "text"}
        ]
    )
    return mine, other


def test_the_carrier_admin_downloads_every_companys_staff_changes(
    client_for, carrier_admin, two_companies
):
    mine, other = two_companies
    client = client_for(carrier_admin)
    page = client.get(URL, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert page.status_code == 200
    assert "?flow=staffchange&amp;export=xlsx" in page.content.decode()
    response = client.get(URL + "?flow=staffchange&export=xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    header, *rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert sorted(row[0] for row in rows) == sorted([mine.reference, other.reference])
    assert header[-1] == "外包单位"
    by_reference = {row[0]: dict(zip(header, row, strict=True)) for row in rows}
    assert by_reference[mine.reference]["外包单位"] == "'+86 800"
    assert by_reference[other.reference]["外包单位"] is None
    assert (
        '\'=HYPERLINK("http://evil.example")' in by_reference[mine.reference].values()
    )


def test_typed_fields_and_state_in_english_csv(
    client_for, carrier_admin, two_companies
):
    mine, _other = two_companies
    response = client_for(carrier_admin).get(
        URL + "?flow=staffchange&export=csv", HTTP_ACCEPT_LANGUAGE="en"
    )
    text = response.content.decode("utf-8").lstrip("\ufeff")
    header, *rows = list(csv.reader(io.StringIO(text)))
    assert header[:5] == ["Reference", "Company", "Requester", "Summary", "State"]
    assert {"Kind of change", "Effective date", "Reason"} <= set(header)
    row = dict(
        zip(header, next(r for r in rows if r[0] == mine.reference), strict=True)
    )
    assert row["Effective date"] == "2025-06-01"
    assert row["Company"] == mine.company.code
    assert row["State"]  # the step it waits on


@pytest.mark.parametrize(
    "role", [Role.MAINTENANCE_MANAGER, Role.CONTRACTOR_MANAGER, Role.DEPARTMENT_HEAD]
)
def test_only_the_carriers_admins_export_requests(client_for, make_user, role):
    client = client_for(make_user(role))
    response = client.get(URL + "?flow=staffchange&export=csv")
    assert response.status_code in (302, 403)
    assert not response.get("Content-Disposition")


def test_an_unknown_flow_or_format_is_a_404(client_for, carrier_admin):
    client = client_for(carrier_admin)
    assert client.get(URL + "?flow=nothing&export=csv").status_code == 404
    assert client.get(URL + "?flow=staffchange&export=pdf").status_code == 404


def test_the_export_reads_in_a_bounded_number_of_queries(
    submit, carrier_admin, roster_a, django_assert_max_num_queries
):
    for _ in range(5):
        submit()
    with translation.override("zh-hans"), django_assert_max_num_queries(3):
        dataset = requests_dataset(user=carrier_admin, flow=StaffChangeFlow)
    assert len(dataset) == 5
