"""Exports of the registry's resources: headers in the user's language, no formulas."""

import pytest
from django.utils import translation

from registry.imports import services
from registry.models import StaffMember
from registry.resources import StaffResource
from tests.factories import StaffMemberFactory

pytestmark = pytest.mark.django_db

FORMULAS = ['=HYPERLINK("http://evil.example")', "+1+1", "-2+3", "@SUM(A1)", "\t=1"]


def test_every_text_cell_is_neutralised(company_a):
    for index, formula in enumerate(FORMULAS):
        StaffMemberFactory(company=company_a, employee_no=f"F{index}", name=formula)
    with translation.override("zh-hans"):
        dataset = StaffResource().export(StaffMember.objects.order_by("employee_no"))
    assert dataset.headers[:3] == ["单位编码", "工号", "姓名"]
    assert [row[2] for row in dataset] == ["'" + formula for formula in FORMULAS]


def test_english_headers_in_english(company_a):
    with translation.override("en"):
        dataset = StaffResource().export(StaffMember.objects.none())
    assert dataset.headers[:3] == ["Company code", "Staff number", "Full name"]


def test_an_export_imports_back_unchanged(company_a, carrier_admin):
    StaffMemberFactory(company=company_a, employee_no="F1", name="-陈明", phone="+86 1")
    with translation.override("zh-hans"):
        content = StaffResource().export(StaffMember.objects.all()).export("csv")

        _run, report = services.import_preview(
            kind="staff", user=carrier_admin, name="a.csv", content=content.encode()
        )
    assert report.totals == {"new": 0, "update": 0, "skip": 1, "invalid": 0}
