"""On a 390 px phone an engineer saves a reading outside its limit; the
finding appears on the carrier's open queue page without a reload."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from fixtures.steps import step_take
from registry.calendar import local_today
from workflows.inspection.models import Finding
from workflows.inspection.services import PlanInput, decision_record, plan_submit

from ...browser import chromium, page_of, screenshot
from ...servers import daphne_servers, session_id

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def clock():
    """The server runs on the real clock, so this test does too."""
    yield


@pytest.fixture
def server(django_db_setup):
    with daphne_servers(1) as (running,):
        yield running


@pytest.fixture
def this_months_row(
    rules_after_flush, room_checklist, manager_a, carrier, region, site_a
):
    """Site A's inspection of this month, in an approved plan."""
    today = local_today()
    plan = plan_submit(
        user=manager_a,
        data=PlanInput(
            region=region,
            year=today.year,
            quarter=(today.month - 1) // 3 + 1,
            sites=[site_a],
            months=[today.month],
        ),
    )
    step_take(
        plan,
        carrier,
        lambda activation: decision_record(
            plan=activation.process,
            task=activation.task,
            user=carrier,
            decision="approved",
            comment="",
        ),
    )
    return plan.rows.get(month=today.month)


@pytest.mark.parametrize("locale", ["zh-CN", "en-GB"])
def test_an_out_of_limit_reading_reaches_the_carriers_queue_live(
    server, this_months_row, engineer_a, carrier, locale
):
    row = this_months_row
    path = reverse("workflows:inspection:execute", args=[row.pk])
    site_code = row.site.code
    carrier_session, engineer_session = session_id(carrier), session_id(engineer_a)
    with chromium() as browser:
        queue = page_of(browser, server, carrier_session, "/queue/", locale=locale)
        expect(queue.locator("[data-findings]")).to_have_count(0)
        queue.evaluate("window.__marker = 1")
        phone = page_of(
            browser,
            server,
            engineer_session,
            path,
            locale=locale,
            viewport=PHONE,
        )
        phone.fill("#v-earth", "7.5")
        phone.locator("#item-earth button[type=submit]").click()
        expect(phone.locator("#item-earth [data-status]")).not_to_be_empty()
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"the page scrolls sideways ({width}px)"

        shown = queue.locator("[data-findings] [data-finding]")
        expect(shown).to_have_count(1, timeout=15_000)
        expect(shown).to_contain_text(site_code)
        assert queue.evaluate("window.__marker") == 1, "the queue was reloaded"
        screenshot(phone, f"inspection-reading-{locale}")
        screenshot(queue, f"inspection-finding-on-queue-{locale}")
    assert Finding.objects.filter(source="reading", item_key="earth").count() == 1
