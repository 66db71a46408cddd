"""In real browsers on a real server: a company lead approves a leave on its task
page and the carrier's open queue shows the new step without a reload; without
JavaScript the same queue shows it on reload."""

import re

import pytest
from playwright.sync_api import Page, expect
from viewflow.workflow.models import Task

from ...browser import chromium, page_of, screenshot
from ...servers import daphne_servers, session_id

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

QUEUE = "/queue/?tab=offered"
SYNCED = re.compile(r"^[1-9]")  # the socket said hello and the page resynced


@pytest.fixture(scope="module")
def server(django_db_setup):
    with daphne_servers(1) as (running,):
        yield running


@pytest.fixture(autouse=True)
def filed_in_chinese(settings):
    """Rows store their summary in the filer's language: Chinese, as on screen."""
    settings.LANGUAGE_CODE = "zh-hans"


@pytest.fixture
def waiting_leave(rules_after_flush, file_leave):
    """Five days' leave (over the carrier's threshold) awaiting company A's lead."""
    leave = file_leave(days=5)
    task = Task.objects.get(process_id=leave.pk, flow_task_type="HUMAN")
    return leave, f"/requests/{leave.pk}/tasks/{task.pk}/"


@pytest.fixture
def sessions(manager_a, carrier):
    """Logged-in sessions of the lead who approves and the carrier who watches."""
    return session_id(manager_a), session_id(carrier)


def approve(page: Page, leave) -> None:
    page.check("input[name=decision][value=approved]")
    page.locator("main form[method=post] button[type=submit]").click()
    page.wait_for_url(f"**/requests/{leave.pk}/")


def test_approval_appears_live_in_the_other_users_open_queue(
    server, waiting_leave, sessions
):
    (leave, task_path), (lead_session, carrier_session) = waiting_leave, sessions
    with chromium() as browser:
        queue = page_of(browser, server, carrier_session, QUEUE)
        expect(queue.locator("body")).to_have_attribute("data-synced", SYNCED)
        expect(queue.locator("[data-task]")).to_have_count(0)
        expect(queue.locator("[data-badge]")).to_have_text("0")
        queue.evaluate("window.__marker = 1")
        lead = page_of(browser, server, lead_session, task_path)
        screenshot(queue, "live-carrier-before")
        screenshot(lead, "live-lead-before")

        approve(lead, leave)

        expect(queue.locator("[data-task]")).to_contain_text(leave.reference)
        expect(queue.locator("[data-badge]")).to_have_text("1")
        expect(queue.locator("#live-notice")).to_be_visible()
        expect(queue.locator("#live-notice")).to_contain_text(leave.reference)
        expect(queue.locator("#live-notice")).to_contain_text("新任务：甲方审批 · ")
        assert queue.evaluate("window.__marker") == 1, "the queue page was reloaded"
        screenshot(queue, "live-carrier-after")
        screenshot(lead, "live-lead-after")


def test_queue_without_javascript_shows_the_new_step_on_reload(
    server, waiting_leave, sessions
):
    (leave, task_path), (lead_session, carrier_session) = waiting_leave, sessions
    with chromium() as browser:
        no_js = {"java_script_enabled": False}
        queue = page_of(browser, server, carrier_session, QUEUE, **no_js)
        expect(queue.locator("[data-task]")).to_have_count(0)
        lead = page_of(browser, server, lead_session, task_path, **no_js)

        approve(lead, leave)
        queue.reload()

        expect(queue.locator("[data-task]")).to_contain_text(leave.reference)
        expect(queue.locator("[data-badge]")).to_have_text("1")
        expect(queue.locator("#live-notice")).to_be_hidden()
        screenshot(queue, "nojs-carrier-after-reload")
