"""The admin's per-flow request export: every company's requests, typed fields,
answers, neutralised cells; for the carrier's admins only."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
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
    text = b"".join(response.streaming_content).decode("utf-8").lstrip("\ufeff")
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


# The managers' download from the queue: their scope, the queue's filters -----

QUEUE_EXPORT = "/queue/export/"


def queue_csv(client, query="", language="zh-hans") -> list[dict]:
    response = client.get(
        f"{QUEUE_EXPORT}?export=csv{query}", HTTP_ACCEPT_LANGUAGE=language
    )
    assert response.status_code == 200
    assert response.streaming
    text = b"".join(response.streaming_content).decode("utf-8").lstrip("\ufeff")
    header, *rows = list(csv.reader(io.StringIO(text)))
    return [dict(zip(header, row, strict=True)) for row in rows]


def flow_ref(flow) -> str:
    from viewflow.workflow.fields import get_flow_ref

    return get_flow_ref(flow)


def test_every_flow_exports_its_allow_list_with_chinese_headers(client_for, manager_a):
    from workflows.catalog import flows
    from workflows.exports import typed_fields

    client = client_for(manager_a)
    keys = {flow.process_class._meta.model_name for flow in flows()}
    assert {
        "softwareupgrade",
        "sitevisit",
        "positionchange",
        "faultticket",
        "inspectionplan",
        "staffchange",
    } <= keys
    for flow in flows():
        model = flow.process_class
        assert model.export_fields, model  # an explicit allow-list per flow
        response = client.get(
            f"{QUEUE_EXPORT}?export=csv&flow={flow_ref(flow)}",
            HTTP_ACCEPT_LANGUAGE="zh-hans",
        )
        assert response.status_code == 200, model
        text = b"".join(response.streaming_content).decode("utf-8").lstrip("\ufeff")
        header = next(csv.reader(io.StringIO(text)))
        with translation.override("zh-hans"):
            own = [str(field.verbose_name) for field in typed_fields(model)]
        assert header[:5] == ["编号", "单位", "申请人", "摘要", "状态"], model
        assert header[5:7] == ["已创建", "当前步骤截止时间"], (model, header)
        assert [h.lower() for h in header[7 : 7 + len(own)]] == [h.lower() for h in own]


def test_a_manager_exports_only_its_companys_requests(
    client_for, manager_a, manager_b, company_b, two_companies
):
    mine, other = two_companies
    rows = queue_csv(client_for(manager_a))
    assert [row["编号"] for row in rows] == [mine.reference]
    assert rows[0]["流程"] == str(StaffChangeFlow.process_title)
    # A company filter cannot reach another company's rows.
    assert [
        row["编号"]
        for row in queue_csv(client_for(manager_a), f"&company={company_b.pk}")
    ] == [mine.reference]
    assert [row["编号"] for row in queue_csv(client_for(manager_b))] == [
        other.reference
    ]


def test_the_export_keeps_the_queues_filters(
    client_for, carrier_admin, company_a, company_b, two_companies
):
    mine, other = two_companies
    client = client_for(carrier_admin)
    ref = flow_ref(StaffChangeFlow)
    everything = queue_csv(client, f"&flow={ref}")
    assert {row["编号"] for row in everything} == {mine.reference, other.reference}
    assert "生效日期" in everything[0]  # the flow's own columns
    only_b = queue_csv(client, f"&flow={ref}&company={company_b.pk}")
    assert [row["编号"] for row in only_b] == [other.reference]
    assert queue_csv(client, "&state=done") == []
    assert len(queue_csv(client, "&state=open")) == 2
    Request.objects.filter(pk=mine.pk).update(due_at="2000-01-01T00:00Z")
    Request.objects.filter(pk=other.pk).update(due_at=None)
    overdue = queue_csv(client, "&overdue=1")
    assert [row["编号"] for row in overdue] == [mine.reference]
    assert overdue[0]["当前步骤截止时间"].startswith("2000-01-01")


def test_the_queue_links_its_filters_to_the_export(client_for, manager_a):
    page = client_for(manager_a).get("/queue/?tab=filed&state=open&page=1")
    links = page.context["export_links"]
    assert [label for label, _href in links] == ["XLSX", "CSV"]
    assert links[0][1] == "/queue/export/?state=open&export=xlsx"


def test_who_may_export_from_the_queue(client_for, make_user, two_companies):
    for role in (Role.CONTRACTOR_ENGINEER, Role.TRAINEE, Role.MONITORING_CENTRE):
        client = client_for(make_user(role))
        assert client.get(QUEUE_EXPORT + "?export=csv").status_code == 403
        assert not client.get("/queue/").context["export_links"]


def test_a_refused_filter_or_format_is_a_404(client_for, manager_a):
    client = client_for(manager_a)
    assert client.get(QUEUE_EXPORT + "?export=pdf").status_code == 404
    assert client.get(QUEUE_EXPORT + "?export=csv&flow=nothing").status_code == 404
    assert client.get(QUEUE_EXPORT + "?export=csv&site=x").status_code == 404


def test_the_queue_export_neutralises_cells_in_xlsx(
    client_for, manager_a, two_companies
):
    mine, _other = two_companies
    response = client_for(manager_a).get(
        f"{QUEUE_EXPORT}?export=xlsx&flow={flow_ref(StaffChangeFlow)}"
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    header, *rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    row = dict(zip(header, rows[0], strict=True))
    assert row["外包单位"] == "'+86 800"
    assert '\'=HYPERLINK("http://evil.example")' in row.values()


def test_the_queue_export_reads_in_queries_that_do_not_grow(
    client_for, manager_a, submit, roster_a, django_assert_num_queries
):
    client = client_for(manager_a)
    query = f"&flow={flow_ref(StaffChangeFlow)}"
    submit()
    client.get("/queue/")  # the session and the rules, read once
    with CaptureQueriesContext(connection) as few:
        queue_csv(client, query)
    for _ in range(6):
        submit()
    with CaptureQueriesContext(connection) as many:
        assert len(queue_csv(client, query)) == 7
    assert len(many) == len(few)
