"""Isolation: a contractor sees its own assessments only; constant query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from workflows.assessment.rules import next_month, previous_month
from workflows.assessment.selectors import monthly_scores
from workflows.assessment.services import lines_collect, rescore

from .conftest import NOVEMBER, at
from .test_flow import decide, object_to

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clock")]


@pytest.fixture
def both(company_a, company_b, add_event, draft):
    add_event("written_complaint", at(2026, 11, 3, 9), company_a)
    add_event("written_complaint", at(2026, 11, 4, 9), company_b)
    return draft(company_a), draft(company_b)


def test_another_companys_assessment_is_a_404(both, manager_a, client_for):
    _mine, theirs = both
    client = client_for(manager_a)
    line = theirs.lines.get()
    for name, args in [
        ("page", [theirs.pk]),
        ("line_evidence", [theirs.pk, line.pk]),
    ]:
        assert (
            client.get(reverse(f"workflows:assessment:{name}", args=args)).status_code
            == 404
        )
    assert object_to(client, line).status_code == 404
    assert decide(client, line, "upheld").status_code == 404
    assert client.get(reverse("workflows:request", args=[theirs.pk])).status_code == 404
    entry = line.source
    url = reverse("workflows:assessment:manual_evidence", args=[entry.pk])
    assert client.get(url).status_code == 404


def test_the_list_shows_own_company_only(both, manager_a, carrier_admin, client_for):
    mine, theirs = both
    listed = client_for(manager_a).get(reverse("workflows:assessment:list"))
    assert f'data-assessment="{mine.pk}"' in listed.content.decode()
    assert f'data-assessment="{theirs.pk}"' not in listed.content.decode()
    everything = client_for(carrier_admin).get(reverse("workflows:assessment:list"))
    assert f'data-assessment="{theirs.pk}"' in everything.content.decode()


def test_a_contractor_may_not_enter_deductions(manager_a, client_for):
    assert (
        client_for(manager_a).get(reverse("workflows:assessment:manual")).status_code
        == 403
    )


def test_own_evidence_downloads_as_an_attachment(both, manager_a, client_for):
    mine, _theirs = both
    url = reverse(
        "workflows:assessment:manual_evidence", args=[mine.lines.get().source_id]
    )
    answer = client_for(manager_a).get(url)
    assert answer.status_code == 200
    assert answer["Content-Disposition"].startswith("attachment")


def _drafted(company, months, draft, add_event, start=NOVEMBER):
    """``months`` assessments of ``company`` back from ``start``, 3 lines each."""
    month = start
    for _ in range(months):
        add_event("late_document", at(month.year, month.month, 2, 9), company, count=3)
        draft(company, month=month)
        month = previous_month(month)


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_list_and_page_query_counts_do_not_grow(
    company_a, carrier_admin, client_for, draft, add_event
):
    client = client_for(carrier_admin)
    url = reverse("workflows:assessment:list")
    _drafted(company_a, 1, draft, add_event)
    first = company_a.assessments.get(month=NOVEMBER)
    page = reverse("workflows:assessment:page", args=[first.pk])
    count_queries(client, url)  # warm: the session, the rules snapshot
    few, page_few = count_queries(client, url), count_queries(client, page)

    _drafted(company_a, 6, draft, add_event, start=previous_month(NOVEMBER))
    add_event("late_document", at(2026, 11, 5, 9), company_a, count=20)
    lines_collect(first)
    rescore(first)
    assert first.lines.count() == 23
    assert count_queries(client, url) == few
    assert count_queries(client, page) == page_few


def test_monthly_scores_in_one_query(
    both, company_a, company_b, django_assert_num_queries
):
    with django_assert_num_queries(1):
        rows = monthly_scores(
            company_ids=[company_a.pk, company_b.pk],
            start=NOVEMBER,
            end=next_month(NOVEMBER),
        )
    assert [
        (r.company_id, r.month, str(r.score), r.grade, r.finalised) for r in rows
    ] == [
        (company_a.pk, NOVEMBER, "98.00", "excellent", False),
        (company_b.pk, NOVEMBER, "98.00", "excellent", False),
    ]
