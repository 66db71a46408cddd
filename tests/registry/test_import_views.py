"""Imports through the real pages: portal (contractors) and admin (carrier)."""

import html
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from registry.imports import files
from registry.imports.runs import ImportRun
from registry.models import Site, StaffMember
from registry.resources.base import OTHER_COMPANY
from registry.resources.registry import NOT_ON_ROSTER
from tests.registry.spreadsheets import STAFF_EN, csv_bytes, xlsx_bytes
from tests.registry.test_imports import staff_row

pytestmark = pytest.mark.django_db

PORTAL = "/registry/import/staff/"
ADMIN = "/admin/registry/import/staff/"


def upload(client, url, content, name="staff.xlsx", language="zh-hans"):
    return client.post(
        url,
        {"file": SimpleUploadedFile(name, content)},
        HTTP_ACCEPT_LANGUAGE=language,
    )


def run_of(response) -> str:
    return re.search(r'name="run" value="(\d+)"', response.content.decode())[1]


def test_manager_previews_then_confirms_in_the_portal(
    client_for, manager_a, registry_data
):
    client = client_for(manager_a)
    before = StaffMember.objects.count()
    content = xlsx_bytes([["工号", "电话"], ["A-001", "13900000001"]])
    response = upload(client, PORTAL, content)
    assert response.status_code == 200
    assert "0 条新增，1 条更新" in response.content.decode()
    assert StaffMember.objects.get(employee_no="A-001").phone != "13900000001"
    response = client.post(
        PORTAL, {"run": run_of(response)}, HTTP_ACCEPT_LANGUAGE="zh-hans"
    )
    assert "已导入：0 条新增，1 条更新" in response.content.decode()
    assert StaffMember.objects.get(employee_no="A-001").phone == "13900000001"
    # A second confirmation of the same run writes nothing more.
    StaffMember.objects.filter(employee_no="A-001").update(phone="1")
    again = client.post(PORTAL, {"run": run_of_any(manager_a)})
    assert "该文件已导入或已被拒绝" in again.content.decode()
    assert StaffMember.objects.get(employee_no="A-001").phone == "1"
    assert StaffMember.objects.count() == before


def test_a_new_person_is_refused_in_the_portal_in_english(
    client_for, manager_a, registry_data
):
    content = xlsx_bytes([STAFF_EN, staff_row()])
    response = upload(client_for(manager_a), PORTAL, content, language="en")
    page = html.unescape(response.content.decode())
    with translation.override("en"):
        assert str(NOT_ON_ROSTER % {"value": "A-101"}) in page
    assert 'name="run"' not in page
    assert not StaffMember.objects.filter(employee_no="A-101").exists()


def run_of_any(user) -> str:
    return str(ImportRun.objects.filter(created_by=user).latest("pk").pk)


def test_another_companys_row_is_shown_as_an_error_in_english(
    client_for, manager_a, registry_data
):
    client = client_for(manager_a)
    content = csv_bytes(
        [STAFF_EN, staff_row(), staff_row("B-9", company="beifang", contract="")],
        encoding="gbk",
    )
    response = upload(client, PORTAL, content, name="staff.csv", language="en")
    page = html.unescape(response.content.decode())
    with translation.override("en"):
        assert str(OTHER_COMPANY % {"value": "beifang"}) in page
    assert 'name="run"' not in page  # nothing to confirm
    assert not StaffMember.objects.filter(employee_no__in=["A-101", "B-9"]).exists()


def test_confirming_someone_elses_run_is_a_404(
    client_for, manager_a, manager_b, registry_data
):
    response = upload(
        client_for(manager_a),
        PORTAL,
        xlsx_bytes([["工号", "电话"], ["A-001", "13900000001"]]),
    )
    other = client_for(manager_b).post(PORTAL, {"run": run_of(response)})
    assert other.status_code == 404
    assert client_for(manager_b).post(PORTAL, {"run": "x"}).status_code == 404
    assert StaffMember.objects.get(employee_no="A-001").phone != "13900000001"


@pytest.mark.parametrize("url", [PORTAL, "/registry/import/sites/"])
def test_engineers_may_not_import_and_managers_only_staff(
    client_for, engineer_a, manager_a, url
):
    assert client_for(engineer_a).get(url).status_code == 403
    expected = 200 if url == PORTAL else 403
    assert client_for(manager_a).get(url).status_code == expected


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("a.pdf", b"%PDF-1.4", files.WRONG_TYPE),
        ("a.csv", b"", files.EMPTY),
        ("a.xlsx", b"garbage garbage", files.DAMAGED),
    ],
)
def test_bad_files_get_a_translated_error(
    client_for, manager_a, registry_data, name, content, message
):
    response = upload(client_for(manager_a), PORTAL, content, name=name)
    with translation.override("zh-hans"):
        expected = str(message % {"name": name})
    assert expected in html.unescape(response.content.decode())
    assert not ImportRun.objects.exists()


def test_carrier_imports_sites_in_the_admin(client_for, carrier_admin, registry_data):
    client = client_for(carrier_admin)
    assert client.get("/admin/registry/import/").status_code == 302
    content = xlsx_bytes(
        [
            ["站点编码", "名称（中文）", "站点类型", "区域编码", "单位编码"],
            ["gz-bts-77", "天河北基站", "基站", "gz-tianhe", "huanan"],
        ]
    )
    response = upload(client, "/admin/registry/import/sites/", content)
    assert response.status_code == 200
    client.post("/admin/registry/import/sites/", {"run": run_of(response)})
    assert Site.objects.get(code="gz-bts-77").maintained_by.code == "huanan"


def test_contractors_have_no_admin_import(client_for, manager_a):
    response = client_for(manager_a).get(ADMIN)
    assert response.status_code in (302, 403)


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_file_over_the_size_limit_is_refused_on_the_page(
    client_for, manager_a, registry_data, settings, language
):
    content = xlsx_bytes([["工号", "电话"], ["A-001", "13900000001"]])
    settings.IMPORT_MAX_UPLOAD_SIZE = len(content) - 1
    response = upload(client_for(manager_a), PORTAL, content, language=language)
    assert response.status_code == 200
    with translation.override(language):
        expected = str(
            files.TOO_LARGE
            % {
                "name": "staff.xlsx",
                "size": files.filesizeformat(len(content)),
                "limit": files.filesizeformat(len(content) - 1),
            }
        )
    assert expected in html.unescape(response.content.decode())
    assert 'name="run"' not in response.content.decode()
    assert not ImportRun.objects.exists()
    assert StaffMember.objects.get(employee_no="A-001").phone != "13900000001"
