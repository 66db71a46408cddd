"""Downloads of the portal lists: the filters, the scope, no formulas."""

import csv
import io

import pytest
from openpyxl import load_workbook

from registry.models import StaffMember
from tests.factories import StaffMemberFactory

pytestmark = pytest.mark.django_db


def xlsx_rows(response) -> list[list]:
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def csv_rows(response) -> list[list]:
    assert response.streaming  # read from the database as it is sent
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def test_the_roster_downloads_with_its_filters_in_chinese(
    client_for, manager_a, registry_data
):
    client = client_for(manager_a)
    page = client.get("/registry/staff/?status=trainee&page=1")
    assert "?status=trainee&amp;export=xlsx" in page.content.decode()
    response = client.get(
        "/registry/staff/?status=trainee&export=xlsx", HTTP_ACCEPT_LANGUAGE="zh-hans"
    )
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    header, *rows = xlsx_rows(response)
    assert header[:3] == ["单位编码", "工号", "姓名"]
    assert [row[1] for row in rows] == ["A-002"]


def test_another_companys_rows_are_never_exported(
    client_for, manager_a, manager_b, registry_data
):
    for export_format, read in (("csv", csv_rows), ("xlsx", xlsx_rows)):
        response = client_for(manager_a).get(f"/registry/staff/?export={export_format}")
        numbers = [row[1] for row in read(response)[1:]]
        assert numbers == ["A-001", "A-002"]
        # Even a search for the other company's people finds none of them.
        response = client_for(manager_b).get(
            f"/registry/sites/?q=gz-room&export={export_format}"
        )
        assert read(response)[1:] == []


def test_the_carrier_exports_every_company_in_english(
    client_for, carrier_admin, registry_data
):
    response = client_for(carrier_admin).get(
        "/registry/contracts/?export=csv", HTTP_ACCEPT_LANGUAGE="en"
    )
    header, *rows = csv_rows(response)
    assert header[:2] == ["Company code", "Contract number"]
    assert sorted(row[1] for row in rows) == ["HT-A-2025", "HT-B-2025"]


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_formulas_are_neutralised_in_both_formats(
    client_for, carrier_admin, company_a, export_format
):
    StaffMemberFactory(company=company_a, employee_no="F1", name="=1+2")
    # a control character openpyxl refuses (PostgreSQL stores no NUL, so \x07)
    StaffMemberFactory(company=company_a, employee_no="F2", name="@SUM(A1)\x07")
    response = client_for(carrier_admin).get(f"/registry/staff/?export={export_format}")
    rows = (csv_rows if export_format == "csv" else xlsx_rows)(response)
    names = [row[2] for row in rows[1:]]
    expected = {"csv": ["'=1+2", "'@SUM(A1)\x07"], "xlsx": ["'=1+2", "'@SUM(A1)"]}
    assert names == expected[export_format]


def test_without_the_export_right_there_is_no_download(client_for, engineer_a):
    client = client_for(engineer_a)
    assert "export=" not in client.get("/registry/staff/").content.decode()
    assert client.get("/registry/staff/?export=csv").status_code == 403
    assert client.get("/registry/staff/?export=pdf").status_code == 404


@pytest.mark.parametrize("url", ["/registry/staff/", "/registry/contracts/"])
def test_the_export_query_count_does_not_grow_with_the_rows(
    client_for, carrier_admin, registry_data, django_assert_max_num_queries, url
):
    client = client_for(carrier_admin)
    client.get(url + "?export=xlsx")  # the session and the rights, read once
    company = registry_data["contracts"][0].company
    StaffMemberFactory.create_batch(30, company=company)
    with django_assert_max_num_queries(8):
        response = client.get(url + "?export=xlsx")
    assert response.status_code == 200
    assert StaffMember.objects.count() == 34


def test_an_asgi_server_gets_the_csv_a_chunk_at_a_time():
    from asgiref.sync import async_to_sync
    from django.test import AsyncRequestFactory, RequestFactory

    from registry.exports import CSV_CHUNK_ROWS, export_response

    rows = [[f"r{index}", "=1+1"] for index in range(2 * CSV_CHUNK_ROWS + 1)]

    def download(request):
        return export_response(
            headers=["a", "b"],
            rows=iter(rows),
            export_format="csv",
            name="x",
            request=request,
        )

    async def chunks(response):
        return [chunk async for chunk in response]

    response = download(AsyncRequestFactory().get("/"))
    assert response.is_async  # not read whole before the first byte is sent
    parts = async_to_sync(chunks)(response)
    assert len(parts) == 3
    plain = download(RequestFactory().get("/"))
    assert not plain.is_async
    assert b"".join(parts) == b"".join(plain.streaming_content)
    lines = list(csv.reader(io.StringIO(b"".join(parts).decode("utf-8")[1:])))
    assert lines[0] == ["a", "b"] and lines[1] == ["r0", "'=1+1"]
    assert len(lines) == len(rows) + 1
