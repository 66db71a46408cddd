"""A panel added to the registry shows on the page, in the data answer and as
an export, with no other change: what the obligations and assessment panels
will do, here with the shapes their selectors answer in."""

import datetime
import io

import openpyxl
import pytest
from django.urls import reverse

from dashboards import registry
from dashboards.adapters import per_company_rows, tuple_rows
from dashboards.charts import category_chart, series
from dashboards.registry import Column, Panel
from dashboards.selectors import scope_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def scores_panel(monkeypatch, company_a, company_b):
    """Rows like ``monthly_scores``: (company_id, month, score, grade, finalised)."""
    names = ("company", "month", "score", "grade", "finalised")

    def rows(scope):
        scores = [
            (pk, datetime.date(2026, 5, 1), 92 if pk == company_a.pk else 78, "A", True)
            for pk in scope.company_ids
        ]
        return tuple_rows(scope, scores, names)

    panel = Panel(
        key="scores",
        title="Scores",
        rows=rows,
        columns=[Column(name, name, numeric=name == "score") for name in names],
        chart=lambda found: category_chart(
            [r["company"] for r in found],
            [series("score", (r["score"] for r in found))],
        ),
        uses_region=False,
    )
    monkeypatch.setitem(registry._PANELS, "scores", panel)
    return panel


def test_added_panel_reaches_page_data_and_export(
    scores_panel, client_for, manager_a, company_a, company_b
):
    client = client_for(manager_a)

    page = client.get(reverse("dashboards:dashboard")).content.decode()
    data = client.get(reverse("dashboards:data")).json()
    sheet = client.get(reverse("dashboards:export", args=["scores"]))
    rows = list(
        openpyxl.load_workbook(io.BytesIO(sheet.content)).active.iter_rows(
            values_only=True
        )
    )

    assert 'data-panel="scores"' in page
    scores = next(p for p in data["panels"] if p["key"] == "scores")
    assert scores["rows"] == [
        {
            "company": company_a.name_en,
            "month": "2026-05",
            "score": 92,
            "grade": "A",
            "finalised": True,
        }
    ]
    assert rows[1] == (company_a.name_en, "2026-05", 92, "A", True)
    assert company_b.name_en not in page


def test_per_company_rows_keep_the_scope_and_its_order(
    carrier_admin, company_a, company_b
):
    scope = scope_for(user=carrier_admin, period="12m")
    counts = {
        company_b.pk: {"due": 4, "on_time": 3, "late": 1, "missing": 0},
        company_a.pk: {"due": 2, "on_time": 2, "late": 0, "missing": 0},
        999_999: {"due": 9, "on_time": 0, "late": 0, "missing": 9},
    }

    rows = per_company_rows(scope, counts)

    assert [row["company"] for row in rows] == [company_a.name_en, company_b.name_en]
    assert rows[1]["late"] == 1
