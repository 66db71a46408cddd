"""On a 390 px phone the monitoring centre's duty engineer scans a site's QR
code, reports a fault there, and the dispatch board open on the duty room's
screen shows the new ticket without a reload."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from registry.roles import Role
from workflows.faults.models import FaultTicket
from workflows.inspection.qr import scan_url

from ...browser import chromium, page_of, screenshot
from ...servers import daphne_servers, session_id

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}
BOARD = reverse("workflows:fault_board")


@pytest.fixture
def clock():
    """The server runs on the real clock, so this test does too."""
    yield


@pytest.fixture
def server(django_db_setup):
    with daphne_servers(1) as (running,):
        yield running


@pytest.mark.parametrize("locale", ["zh-CN", "en-GB"])
def test_a_scanned_site_reports_a_fault_that_reaches_the_board_live(
    server, rules_after_flush, make_user, site_a, settings, locale
):
    field = make_user(Role.MONITORING_CENTRE, username="noc_field")
    duty = make_user(Role.MONITORING_CENTRE, username="noc_duty")
    settings.WAGTAILADMIN_BASE_URL = server.url
    scan = scan_url(site_a).removeprefix(server.url)
    field_session, duty_session = session_id(field), session_id(duty)
    with chromium() as browser:
        board = page_of(browser, server, duty_session, BOARD, locale=locale)
        expect(board.locator("#board-rows [data-empty]")).to_have_count(1)
        board.evaluate("window.__marker = 1")
        phone = page_of(browser, server, field_session, scan, locale=locale,
                        viewport=PHONE)  # fmt: skip
        expect(phone.locator("[data-none-open]")).to_have_count(1)
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"the scan page scrolls sideways ({width}px)"
        screenshot(phone, f"faults-scan-{locale}")
        phone.locator("[data-report]").click()
        assert phone.locator("#id_site").input_value() == str(site_a.pk)
        phone.select_option("#id_level", "1")
        phone.locator("input[name=mode][value=on_site]").check()
        phone.fill("#id_description", "机房门禁告警，基站退服")
        screenshot(phone, f"faults-report-{locale}")
        phone.locator("form.stack button[type=submit]").click()
        phone.wait_for_url("**/requests/**")
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"the ticket scrolls sideways ({width}px)"

        rows = board.locator("#board-rows tr[data-ticket]")
        expect(rows).to_have_count(1, timeout=15_000)
        expect(rows.first).to_contain_text(site_a.name_zh if locale == "zh-CN"
                                           else site_a.name_en)  # fmt: skip
        expect(rows.first.locator("[data-countdown]")).to_contain_text(":")
        assert board.evaluate("window.__marker") == 1, "the board was reloaded"
        board.set_viewport_size(PHONE)
        screenshot(board, f"faults-board-{locale}")
    ticket = FaultTicket.objects.get()
    assert ticket.site == site_a and ticket.requester == field
