"""The obligations pages: scoped to the company, both languages, constant queries."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from registry.roles import Role
from workflows.obligations.flows import ReportFlow
from workflows.obligations.models import ObligationReport, WorkLog
from workflows.obligations.services import EntryInput, log_file

from ...factories import StaffMemberFactory, UserFactory
from .conftest import china

pytestmark = pytest.mark.django_db
CALENDAR = reverse("workflows:obligations:calendar")
LOGS = reverse("workflows:obligations:logs")
REPORTS = reverse("workflows:obligations:reports")


def people_with_logs(company, n):
    """``n`` people of ``company`` with a log on each of the first three days,
    and a weekly summary per person (rows for the report list)."""
    for _ in range(n):
        user = UserFactory(roles=[Role.CONTRACTOR_ENGINEER], company=company)
        StaffMemberFactory(
            company=company, user=user, joined_on=datetime.date(2026, 1, 1)
        )
        for day in (1, 2, 3):
            with time_machine.travel(china(2026, 12, day, 18, 0), tick=False):
                log_file(
                    user=user,
                    day=datetime.date(2026, 12, day),
                    entries=[EntryInput("A", "日常维护"), EntryInput("G", "紧急")],
                )
        weeks = ObligationReport.objects.filter(company=company).count()
        start = datetime.date(2026, 11, 30) - datetime.timedelta(weeks=weeks + 1)
        ObligationReport.objects.create(
            flow_class=ReportFlow,
            reference=f"RP-T-{company.code}-{weeks}",
            company=company,
            requester=user,
            summary="周报",
            kind="weekly_summary",
            period_start=start,
            period_end=start + datetime.timedelta(days=6),
            due_on=start + datetime.timedelta(days=7),
            first_filed_at=china(2026, 11, 30, 9, 0),
        )


def test_the_calendar_shows_done_late_and_missing(at, engineer, manager_a, client_for):
    with at(2026, 12, 3, 18, 31):
        log_file(
            user=engineer,
            day=datetime.date(2026, 12, 3),
            entries=[EntryInput("A", "x")],
        )
    with at(2026, 12, 7, 10, 0):
        page = client_for(manager_a).get(CALENDAR, {"month": "2026-12"})
    html = page.content.decode()
    assert page.status_code == 200
    assert 'data-day="2026-12-03" data-lapse' in html  # late
    assert 'data-day="2026-12-04" data-lapse' in html  # missing
    assert 'data-day="2026-12-05" class="muted"' in html  # Saturday: no log due
    assert 'data-report-state="missing"' in html  # November's monthly reports
    assert "1 late" in html


def test_a_contractor_cannot_choose_another_company(
    at, manager_a, company_b, client_for
):
    with at(2026, 12, 7, 10, 0):
        response = client_for(manager_a).get(CALENDAR, {"company": company_b.code})
    assert response.status_code == 404


def test_the_carrier_chooses_a_company(at, carrier, company_a, company_b, client_for):
    with at(2026, 12, 7, 10, 0):
        response = client_for(carrier).get(CALENDAR, {"company": company_b.code})
    assert response.status_code == 200
    assert f'value="{company_b.code}" selected' in response.content.decode()


@pytest.mark.parametrize(
    ("language", "text"),
    [("zh-hans", "时限日历"), ("en", "Obligations calendar")],
)
def test_the_pages_render_in_both_languages(
    at, engineer, manager_a, client_for, language, text, settings
):
    settings.LANGUAGE_CODE = language
    with at(2026, 12, 4, 17, 0):
        log = log_file(
            user=engineer,
            day=datetime.date(2026, 12, 4),
            entries=[EntryInput("G", "断电")],
        )
        client = client_for(manager_a, HTTP_ACCEPT_LANGUAGE=language)
        for url in (
            CALENDAR,
            LOGS,
            REPORTS,
            reverse("workflows:obligations:log", args=[log.pk]),
        ):
            response = client.get(url)
            assert response.status_code == 200, url
            assert response.headers["Content-Language"] == language
        assert text in client.get(CALENDAR).content.decode()


def test_another_companys_log_is_404(at, engineer, manager_b, client_for):
    with at(2026, 12, 4, 17, 0):
        log = log_file(
            user=engineer,
            day=datetime.date(2026, 12, 4),
            entries=[EntryInput("A", "x")],
        )
    url = reverse("workflows:obligations:log", args=[log.pk])
    assert client_for(manager_b).get(url).status_code == 404
    logs = client_for(manager_b).get(LOGS).content.decode()
    assert f'data-log="{log.pk}"' not in logs


def page_queries(client, url, at, capture) -> int:
    with at(2026, 12, 7, 10, 0), capture() as queries:
        assert client.get(url).status_code == 200
    return len(queries.captured_queries)


@pytest.mark.parametrize("url", [CALENDAR, LOGS, REPORTS])
def test_lists_take_the_same_queries_for_few_and_many_rows(
    url, company_a, manager_a, client_for, at
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def capture():
        return CaptureQueriesContext(connection)

    client = client_for(manager_a)
    people_with_logs(company_a, 1)
    page_queries(client, url, at, capture)  # warm the rules
    few = page_queries(client, url, at, capture)
    people_with_logs(company_a, 9)
    assert WorkLog.objects.count() == 30
    assert page_queries(client, url, at, capture) == few
    assert few <= 20


@pytest.mark.parametrize("code", ["a\x00b", "x" * 200, "huanan'--"])
def test_a_company_code_no_company_has_is_404_not_a_server_error(
    carrier, company_a, client_for, code
):
    """PostgreSQL refuses a NUL in a query: the code is checked before it."""
    client = client_for(carrier)
    assert client.get(CALENDAR, {"company": code}).status_code == 404


@pytest.mark.parametrize("month", ["9" * 40 + "-1", "2026-13", "²-1", "1999-12"])
def test_a_month_out_of_range_shows_this_month(at, carrier, client_for, month):
    with at(2026, 12, 4, 10, 0):
        answer = client_for(carrier).get(CALENDAR, {"month": month})
    assert answer.status_code == 200
    assert "2026" in answer.content.decode()
