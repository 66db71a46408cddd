"""What the assessment and the dashboards read: lapses and counts."""

import datetime

import pytest

from workflows.obligations.flows import ReportFlow
from workflows.obligations.models import ObligationReport, WorkLog
from workflows.obligations.selectors import lapses_for, obligation_counts

from ...factories import StaffMemberFactory, UserFactory
from .conftest import china

pytestmark = pytest.mark.django_db
# Monday 30 November to Sunday 6 December 2026: five working days.
START, END = datetime.date(2026, 11, 30), datetime.date(2026, 12, 6)
NOW = china(2026, 12, 7, 12, 0)


def log(person, day, *, late=False, hour=18):
    due = china(day.year, day.month, day.day, 18, 30)
    return WorkLog.objects.create(
        company=person.company,
        person=person,
        author=person.user,
        day=day,
        position=person.position,
        due_at=due,
        filed_at=china(day.year, day.month, day.day, hour + (1 if late else 0), 0),
        late=late,
    )


def staff(company, n):
    return [
        StaffMemberFactory(company=company, user=UserFactory(), joined_on=START)
        for _ in range(n)
    ]


def report(company, requester, *, kind, start, end, due_on, late, filed):
    return ObligationReport.objects.create(
        flow_class=ReportFlow,
        reference=f"RP-{company.code}-{start:%y%m%d}"[:30],
        company=company,
        requester=requester,
        summary="报告",
        kind=kind,
        period_start=start,
        period_end=end,
        due_on=due_on,
        late=late,
        first_filed_at=filed,
    )


def test_lapses_name_late_and_missing_logs_and_reports(company_a, company_b, manager_a):
    first, second = staff(company_a, 2)
    other = staff(company_b, 1)[0]
    for offset in range(5):
        day = START + datetime.timedelta(days=offset)
        log(first, day, late=offset == 2)
        if offset != 3:
            log(second, day)
        log(other, day, late=True)
    report(
        company_a,
        manager_a,
        kind="weekly_summary",
        start=datetime.date(2026, 11, 23),
        end=datetime.date(2026, 11, 29),
        due_on=START,
        late=True,
        filed=china(2026, 12, 1, 9, 0),
    )
    lapses = lapses_for(company=company_a, start=START, end=END, now=NOW)
    kinds = [(lapse.kind, lapse.person and lapse.person.pk) for lapse in lapses]
    assert ("late_log", first.pk) in kinds
    assert ("missing_log", second.pk) in kinds
    assert sum(1 for k, _p in kinds if k.endswith("_log")) == 2
    late_report = next(lapse for lapse in lapses if lapse.kind == "late_report")
    assert late_report.source.kind == "weekly_summary"
    missing_log = next(lapse for lapse in lapses if lapse.kind == "missing_log")
    assert missing_log.source is None and missing_log.done_at is None
    assert missing_log.due_at == china(2026, 12, 3, 18, 30)
    # The monthly reports of November were due by 3 December: none filed.
    missing = {lapse.report.kind for lapse in lapses if lapse.kind == "missing_report"}
    assert missing == {
        "monthly_inspection",
        "monthly_faults",
        "monthly_work",
        "next_month_plan",
    }
    assert all(lapse.person != other for lapse in lapses)


def test_counts_per_company(company_a, company_b):
    people_a, people_b = staff(company_a, 2), staff(company_b, 1)
    for offset in range(5):
        day = START + datetime.timedelta(days=offset)
        log(people_a[0], day, late=offset == 0)
        log(people_b[0], day)
    counts = obligation_counts(
        company_ids=[company_a.pk, company_b.pk], start=START, end=END, now=NOW
    )
    # Due in the week: each person's five logs, the four monthly reports of
    # November (by 3 December) and the weekly summary of 23-29 November (by
    # Monday 30 November); the summary of this week falls due next Monday.
    assert counts[company_a.pk] == {"due": 15, "on_time": 4, "late": 1, "missing": 10}
    assert counts[company_b.pk] == {"due": 10, "on_time": 5, "late": 0, "missing": 5}


def test_today_counts_only_once_its_due_time_has_passed(company_a):
    person = staff(company_a, 1)[0]
    before = obligation_counts(
        company_ids=[company_a.pk],
        start=END - datetime.timedelta(days=2),
        end=END - datetime.timedelta(days=2),
        now=china(2026, 12, 4, 18, 30),
    )
    after = obligation_counts(
        company_ids=[company_a.pk],
        start=END - datetime.timedelta(days=2),
        end=END - datetime.timedelta(days=2),
        now=china(2026, 12, 4, 18, 30, 1),
    )
    assert before[company_a.pk]["due"] == 0
    assert after[company_a.pk]["due"] == 1
    assert person.pk


@pytest.mark.parametrize("people", [1, 12])
def test_counts_and_lapses_take_the_same_queries_for_any_size(
    company_a, company_b, people, django_assert_num_queries
):
    for person in staff(company_a, people) + staff(company_b, people):
        for offset in range(0, 5, 2):
            log(person, START + datetime.timedelta(days=offset))
    ids = [company_a.pk, company_b.pk]
    obligation_counts(company_ids=ids, start=START, end=END, now=NOW)  # warm rules
    with django_assert_num_queries(6):
        obligation_counts(company_ids=ids, start=START, end=END, now=NOW)
    with django_assert_num_queries(6):
        lapses_for(company=company_a, start=START, end=END, now=NOW)
