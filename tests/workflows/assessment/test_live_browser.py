"""In real browsers on a real server: a contractor's manager objects to a
deduction, the carrier upholds it, and the score on the manager's open
assessment page and dashboard changes without a reload."""

from datetime import datetime, time

import pytest
from playwright.sync_api import Page, expect
from viewflow.workflow.models import Task

from registry.calendar import CALENDAR_ZONE, local_today
from workflows.assessment.rules import month_start, previous_month
from workflows.assessment.services import assessment_draft

from ...browser import chromium, page_of, screenshot
from ...servers import daphne_servers, session_id

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(scope="module")
def server(django_db_setup):
    with daphne_servers(1) as (running,):
        yield running


@pytest.fixture
def last_month(rules_after_flush, company_a, carrier_admin, add_event):
    """Last month's assessment of company A: one interruption, 90 points."""
    month = previous_month(month_start(local_today()))
    when = datetime.combine(month.replace(day=10), time(9), CALENDAR_ZONE)
    add_event("unauthorised_interruption", when, company_a)
    assessment, _ = assessment_draft(company=company_a, month=month)
    return assessment, assessment.lines.get()


def file_objection(page: Page, line) -> None:
    page.click(f"#line-{line.pk} summary")
    page.fill(f"textarea[name=line{line.pk}-reason]", "该次割接已获书面批准")
    page.locator(f"#line-{line.pk} form button[type=submit]").click()
    page.wait_for_url(f"**/assessments/{line.assessment_id}/*")


def send_objections(page: Page, assessment, task) -> None:
    page.goto(f"/requests/{assessment.pk}/tasks/{task.pk}/")
    page.check("input[name=confirm]")
    page.locator("main form[method=post] button[type=submit]").click()
    page.wait_for_url(f"**/requests/{assessment.pk}/")


def test_the_score_changes_live_when_the_carrier_upholds_an_objection(
    server, last_month, manager_a, carrier_admin
):
    assessment, line = last_month
    task = Task.objects.get(process_id=assessment.pk, status="NEW")
    path = f"/requests/assessments/{assessment.pk}/"
    score = f'[data-assessment-score="{assessment.pk}"]'
    grade = f'[data-assessment-grade="{assessment.pk}"]'
    manager_session, carrier_session = session_id(manager_a), session_id(carrier_admin)
    with chromium() as browser:
        watcher = page_of(browser, server, manager_session, path)
        expect(watcher.locator(score)).to_have_text("90.00")
        watcher.evaluate("window.__marker = 1")
        board = page_of(browser, server, manager_session, "/dashboards/")
        board_score = board.locator("#panel-scores tbody td.num").first
        expect(board_score).to_have_text("90")
        board.evaluate("window.__marker = 1")
        manager = page_of(browser, server, manager_session, path)
        file_objection(manager, line)
        expect(manager.locator(f"#line-{line.pk}")).to_contain_text("已获书面批准")
        send_objections(manager, assessment, task)
        carrier = page_of(browser, server, carrier_session, path)
        carrier.check(f"input[name=line{line.pk}-decision][value=upheld]")
        carrier.locator(f"#line-{line.pk} form button[type=submit]").click()

        expect(watcher.locator(score)).to_have_text("100.00")
        expect(watcher.locator(grade)).to_have_text("优秀")
        expect(watcher.locator(f"#line-{line.pk}")).to_contain_text("申诉成立")
        assert watcher.evaluate("window.__marker") == 1, "the page was reloaded"
        # The dashboard refetches its numbers a few seconds after the event.
        expect(board_score).to_have_text("100", timeout=20_000)
        assert board.evaluate("window.__marker") == 1, "the dashboard was reloaded"
        screenshot(watcher, "assessment-score-live")
        screenshot(carrier, "assessment-carrier-upheld")
