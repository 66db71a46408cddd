"""Imports of master data: real files, preview then confirm, all rows or none."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from registry.imports import services
from registry.imports.runs import ImportRun
from registry.models import Contract, Region, Site, StaffMember
from registry.resources import widgets
from registry.resources.base import DUPLICATE_KEY, OTHER_COMPANY
from registry.resources.registry import (
    LEFT_BEFORE_JOINED,
    NOT_ON_ROSTER,
    ROSTER_COLUMN,
)
from tests.registry.spreadsheets import STAFF_EN, STAFF_ZH, csv_bytes, xlsx_bytes

pytestmark = pytest.mark.django_db


def staff_row(number="A-101", name="陈明", company="huanan", **extra):
    row = {
        "company": company,
        "number": number,
        "name": name,
        "phone": "13800138000",
        "position": "代维工程师",
        "status": "在岗",
        "joined": "2025-03-01",
        "contract": "HT-A-2025",
    }
    row.update(extra)
    return list(row.values())


def preview(user, content, name="staff.xlsx", kind="staff"):
    with translation.override("zh-hans"):
        return services.import_preview(kind=kind, user=user, name=name, content=content)


def apply(user, run):
    with translation.override("zh-hans"):
        return services.import_apply(run=run, user=user)


@pytest.fixture
def people(registry_data):
    return StaffMember.objects.count()


def test_xlsx_with_chinese_headers_previews_then_imports(carrier_admin, people):
    content = xlsx_bytes([STAFF_ZH, staff_row(), staff_row("A-102", "赵丽")])
    run, report = preview(carrier_admin, content)
    assert report.totals == {"new": 2, "update": 0, "skip": 0, "invalid": 0}
    assert StaffMember.objects.count() == people  # the preview wrote nothing
    report = apply(carrier_admin, run)
    assert report.applied
    person = StaffMember.objects.get(employee_no="A-101")
    assert (person.name, person.company.code, person.contract.number) == (
        "陈明",
        "huanan",
        "HT-A-2025",
    )
    assert person.position == StaffMember.Position.ENGINEER
    assert person.status == StaffMember.Status.ON_DUTY
    assert person.joined_on == datetime.date(2025, 3, 1)
    assert ImportRun.objects.get().status == ImportRun.Status.APPLIED


def test_reimport_updates_and_reports_unchanged(carrier_admin, people):
    first = xlsx_bytes([STAFF_EN, staff_row(), staff_row("A-102", "赵丽")])
    apply(carrier_admin, preview(carrier_admin, first)[0])
    second = xlsx_bytes(
        [STAFF_EN, staff_row(phone="13900139000"), staff_row("A-102", "赵丽")]
    )
    run, report = preview(carrier_admin, second)
    assert report.totals == {"new": 0, "update": 1, "skip": 1, "invalid": 0}
    apply(carrier_admin, run)
    assert StaffMember.objects.count() == people + 2
    assert StaffMember.objects.get(employee_no="A-101").phone == "13900139000"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk"])
def test_csv_in_utf8_and_gbk(carrier_admin, people, encoding):
    content = csv_bytes([STAFF_ZH, staff_row(name="欧阳娜娜")], encoding=encoding)
    run, report = preview(carrier_admin, content, name="人员.csv")
    assert report.valid
    apply(carrier_admin, run)
    assert StaffMember.objects.get(employee_no="A-101").name == "欧阳娜娜"


def test_one_bad_row_writes_nothing_and_says_where(carrier_admin, people):
    content = xlsx_bytes(
        [
            STAFF_ZH,
            staff_row(),
            staff_row("A-102", joined="三月一日"),
            staff_row("A-103"),
        ]
    )
    run, report = preview(carrier_admin, content)
    assert report.totals["invalid"] == 1
    [row] = report.invalid
    assert row.number == 3
    with translation.override("zh-hans"):
        expected = str(widgets.DATE_INVALID % {"value": "三月一日"})
    assert row.errors == [("入职日期", expected)]
    report = apply(carrier_admin, run)
    assert not report.applied
    assert StaffMember.objects.count() == people
    assert ImportRun.objects.get().status == ImportRun.Status.FAILED


CONTACT_ZH = ["工号", "电话", "资质", "证书有效期至"]


def test_another_companys_row_is_an_error_for_a_contractor(manager_a, people):
    content = xlsx_bytes(
        [
            ["单位编码", *CONTACT_ZH],
            ["huanan", "A-001", "13900000001", "电工证", "2027-01-31"],
            ["beifang", "B-001", "13900000002", "", ""],
        ]
    )
    run, report = preview(manager_a, content)
    [row] = report.invalid
    with translation.override("zh-hans"):
        assert row.errors == [("单位编码", str(OTHER_COMPANY % {"value": "beifang"}))]
    apply(manager_a, run)
    assert StaffMember.objects.get(employee_no="A-001").phone != "13900000001"
    assert StaffMember.objects.get(employee_no="B-001").phone != "13900000002"


def test_contractor_updates_contacts_of_its_own_staff(manager_a, people):
    content = xlsx_bytes(
        [
            CONTACT_ZH,
            ["A-001", "13900000001", "电工证、高处作业证", "2027-01-31"],
            ["A-002", "13900000002", "", ""],
        ]
    )
    run, report = preview(manager_a, content)
    assert report.totals == {"new": 0, "update": 2, "skip": 0, "invalid": 0}
    assert apply(manager_a, run).applied
    person = StaffMember.objects.get(employee_no="A-001")
    assert (person.phone, person.qualifications, person.certificate_expiry) == (
        "13900000001",
        "电工证、高处作业证",
        datetime.date(2027, 1, 31),
    )
    assert person.company.code == "huanan"
    assert StaffMember.objects.count() == people


def test_contractor_cannot_add_people_by_import(manager_a, people):
    content = xlsx_bytes(
        [
            STAFF_ZH,
            staff_row(),
            staff_row("A-001", "张伟", phone="13900000001", joined="2024-03-01"),
        ]
    )
    run, report = preview(manager_a, content)
    [row] = report.invalid
    assert row.number == 2
    with translation.override("zh-hans"):
        expected = str(NOT_ON_ROSTER % {"value": "A-101"})
    assert row.errors == [("工号", expected)]
    assert "人员变更申请" in expected
    assert not apply(manager_a, run).applied
    assert StaffMember.objects.count() == people
    assert StaffMember.objects.get(employee_no="A-001").phone != "13900000001"


@pytest.mark.parametrize(
    ("column", "value", "label"),
    [
        ("状态", "已离职", "状态"),
        ("离职日期", "2026-01-31", "离职日期"),
        ("姓名", "张三", "姓名"),
        ("岗位", "group_lead", "岗位"),
        ("合同编号", "", "合同编号"),
    ],
)
def test_contractor_cannot_change_the_roster_columns(
    manager_a, people, column, value, label
):
    content = xlsx_bytes([["工号", column], ["A-001", value]])
    run, report = preview(manager_a, content)
    [row] = report.invalid
    with translation.override("zh-hans"):
        assert row.errors == [(label, str(ROSTER_COLUMN % {"column": label}))]
    assert not apply(manager_a, run).applied
    person = StaffMember.objects.get(employee_no="A-001")
    assert person.status == StaffMember.Status.ON_DUTY
    assert (person.left_on, person.name, person.contract.number) == (
        None,
        "张伟",
        "HT-A-2025",
    )


def test_an_unchanged_roster_column_is_accepted(manager_a, people):
    content = xlsx_bytes([["工号", "姓名", "电话"], ["A-001", "张伟", "1390"]])
    run, report = preview(manager_a, content)
    assert report.valid
    apply(manager_a, run)
    assert StaffMember.objects.get(employee_no="A-001").phone == "1390"


def test_carrier_may_import_new_people_and_leavers(carrier_admin, people):
    content = xlsx_bytes(
        [
            [*STAFF_ZH, "离职日期"],
            [*staff_row(), ""],
            [*staff_row("A-001", "张伟", status="已离职"), "2026-01-31"],
        ]
    )
    run, report = preview(carrier_admin, content)
    assert report.totals["new"] == 1 and report.totals["update"] == 1
    assert apply(carrier_admin, run).applied
    assert StaffMember.objects.get(employee_no="A-001").status == "left"


def test_contractor_cannot_import_sites(manager_a, registry_data):
    with pytest.raises(services.PermissionDenied):
        preview(manager_a, xlsx_bytes([["x"], ["y"]]), kind="sites")


def test_duplicate_keys_in_the_file(carrier_admin, people):
    content = xlsx_bytes([STAFF_ZH, staff_row(), staff_row(name="另一人")])
    _run, report = preview(carrier_admin, content)
    [row] = report.invalid
    with translation.override("zh-hans"):
        assert row.errors == [("工号", str(DUPLICATE_KEY % {"row": 2}))]


def test_sites_contracts_and_regions_by_code(carrier_admin, registry_data):
    regions = xlsx_bytes(
        [
            ["区域编码", "名称（中文）", "时限等级"],
            ["sz-nanshan", "深圳南山", "偏远地区"],
        ]
    )
    apply(carrier_admin, preview(carrier_admin, regions, kind="regions")[0])
    assert Region.objects.get(code="sz-nanshan").tier == Region.Tier.REMOTE
    sites = csv_bytes(
        [
            ["Site code", "Name (Chinese)", "Site kind", "Region code", "Company code"],
            ["sz-bts-09", "南山基站", "Base station", "sz-nanshan", "beifang"],
        ],
        encoding="gbk",
    )
    apply(carrier_admin, preview(carrier_admin, sites, name="s.csv", kind="sites")[0])
    site = Site.objects.get(code="sz-bts-09")
    assert (site.region.code, site.maintained_by.code) == ("sz-nanshan", "beifang")
    contract_rows = [
        [
            "单位编码",
            "合同编号",
            "期间开始",
            "期间结束",
            "合同人数",
            "覆盖区域编码",
        ],
        [
            "beifang",
            "HT-B-2026",
            "2026-01-01",
            "2026-12-31",
            30,
            "sz-nanshan，gz-tianhe",
        ],
    ]
    contracts = xlsx_bytes(contract_rows)
    run, report = preview(carrier_admin, contracts, kind="contracts")
    assert report.valid
    apply(carrier_admin, run)
    contract = Contract.objects.get(number="HT-B-2026")
    assert sorted(contract.regions.values_list("code", flat=True)) == [
        "gz-tianhe",
        "sz-nanshan",
    ]
    _run, report = preview(carrier_admin, contracts, kind="contracts")
    assert report.totals["skip"] == 1
    # Only its regions change: an update, not unchanged.
    header, row = contract_rows
    fewer = xlsx_bytes([header, [*row[:-1], "sz-nanshan"]])
    _run, report = preview(carrier_admin, fewer, kind="contracts")
    assert report.totals["update"] == 1


def file_error(user, content, name="staff.xlsx"):
    with pytest.raises(ValidationError) as caught:
        preview(user, content, name=name)
    assert not ImportRun.objects.exists()
    return caught.value


def test_file_problems_are_refused_before_any_row(carrier_admin, people, settings):
    assert file_error(carrier_admin, b"%PDF-1.4", name="a.pdf").code == "type"
    assert file_error(carrier_admin, b"", name="a.csv").code == "empty"
    assert (
        file_error(carrier_admin, b"\x89PNG garbage", name="a.xlsx").code == "damaged"
    )
    whole = xlsx_bytes([STAFF_ZH, staff_row()])
    assert file_error(carrier_admin, whole[: len(whole) // 2]).code == "damaged"
    assert file_error(carrier_admin, b"<html><script>", name="a.csv").code == "type"
    assert file_error(carrier_admin, csv_bytes([STAFF_ZH]), name="a.csv").code == (
        "no_rows"
    )
    merged = xlsx_bytes([STAFF_ZH, staff_row(), staff_row("A-2")], merge="A2:A3")
    assert file_error(carrier_admin, merged).code == "merged"
    formula = xlsx_bytes([STAFF_ZH, staff_row()], formula="B2")
    assert file_error(carrier_admin, formula).code == "formula"
    missing = xlsx_bytes([STAFF_ZH[:2], staff_row()[:2]])
    assert file_error(carrier_admin, missing).code == "columns"
    unknown = xlsx_bytes([[*STAFF_ZH, "备注X"], [*staff_row(), ""]])
    assert file_error(carrier_admin, unknown).code == "columns"
    settings.IMPORT_MAX_UPLOAD_SIZE = 100
    assert file_error(carrier_admin, whole).code == "size"
    assert StaffMember.objects.count() == people


def test_model_checks_still_apply_without_their_queries(carrier_admin, people):
    content = xlsx_bytes(
        [
            [*STAFF_ZH, "离职日期"],
            [*staff_row(), "2025-01-31"],
            [*staff_row("A-102", contract="HT-B-2025"), ""],
            [*staff_row("A-103", company="beifang", contract="HT-A-2025"), ""],
            [*staff_row("A-104", company="nobody", contract=""), ""],
        ]
    )
    run, report = preview(carrier_admin, content)
    errors = {row.number: row.errors for row in report.invalid}
    with translation.override("zh-hans"):
        left = str(LEFT_BEFORE_JOINED.get_violation_error_message())
        assert errors[2] == [("离职日期", left)]
        assert errors[3] == [
            ("合同编号", str(widgets.CONTRACT_UNKNOWN % {"value": "HT-B-2025"}))
        ]
        assert errors[4][0][0] == "合同编号"
        assert errors[5][0][0] == "单位编码"
    assert not apply(carrier_admin, run).applied
    assert StaffMember.objects.count() == people


def staff_file(count, *, phone="13800138000", first=0):
    rows = [
        staff_row(f"N-{index:03d}", phone=phone, contract="")
        for index in range(first, first + count)
    ]
    return csv_bytes([STAFF_ZH, *rows])


def import_queries(user, content) -> tuple[int, int]:
    """The queries of a preview and of its confirmation of ``content``."""
    with CaptureQueriesContext(connection) as previewed:
        run, report = preview(user, content, name="a.csv")
    assert report.valid
    with CaptureQueriesContext(connection) as applied:
        assert apply(user, run).applied
    return len(previewed), len(applied)


def test_an_import_reads_and_writes_in_queries_that_do_not_grow_per_row(
    carrier_admin, people
):
    """New rows, then the same rows updated: a few rows and many cost the
    same queries (rows are read once by key, written in batches)."""
    preview(carrier_admin, staff_file(1, first=900), name="a.csv")  # caches warm
    few = import_queries(carrier_admin, staff_file(3))
    many = import_queries(carrier_admin, staff_file(40, first=100))
    assert few == many
    assert StaffMember.objects.count() == people + 43
    few = import_queries(carrier_admin, staff_file(3, phone="1"))
    many = import_queries(carrier_admin, staff_file(40, phone="1", first=100))
    assert few == many
    assert StaffMember.objects.filter(phone="1").count() == 43
