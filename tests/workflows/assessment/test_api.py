"""``/api/v1/assessments``: read-only, scoped, constant queries per page."""

import pytest

from workflows.assessment.rules import previous_month

from ..api_clients import API, bearer, list_queries
from .conftest import NOVEMBER, at

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clock")]


def test_a_manager_reads_its_own_assessments_only(
    company_a, company_b, manager_a, add_event, draft
):
    add_event("written_complaint", at(2026, 11, 3, 9), company_a)
    mine, theirs = draft(company_a), draft(company_b)
    client = bearer(manager_a)
    listed = client.get(f"{API}/assessments").json()
    assert [row["id"] for row in listed["items"]] == [mine.pk]
    one = client.get(f"{API}/assessments/{mine.pk}").json()
    assert (one["score"], one["grade"], one["state"]) == ("98.00", "excellent", "draft")
    assert [line["event"] for line in one["lines"]] == ["written_complaint"]
    assert client.get(f"{API}/assessments/{theirs.pk}").status_code == 404


def test_the_list_costs_the_same_for_few_and_many(
    company_a, carrier_admin, add_event, draft
):
    client = bearer(carrier_admin)
    month = NOVEMBER
    draft(company_a, month=month)
    few = list_queries(client, f"{API}/assessments", 1)
    for _ in range(8):
        month = previous_month(month)
        add_event("late_document", at(month.year, month.month, 2, 9), company_a)
        draft(company_a, month=month)
    assert list_queries(client, f"{API}/assessments", 9) == few
