"""The dashboard in a real browser on a real server: charts drawn, tables
beside them, no sideways scroll at 390 px in either language, and a ticket
dispatched elsewhere refreshes the open page without reload (debounced)."""

import pytest
from playwright.sync_api import expect

from dashboards.registry import panels
from registry.roles import Role

from ..browser import chromium, page_of, screenshot
from ..servers import daphne_servers, post_form, session_for, session_id
from .conftest import at

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def server(django_db_setup):
    with daphne_servers(1) as (running,):
        yield running


@pytest.fixture
def clock():
    """Real time: the server runs on the real clock."""
    yield


def closed_in_may(ticket, site_a, site_b):
    ticket(site_a, at(2026, 5), closed=True)
    ticket(site_b, at(2026, 5), closed=True, late=True)


def trend_total(page) -> int:
    cells = page.locator('[data-panel="trend"] tbody tr td:nth-child(2)')
    return sum(int(text) for text in cells.all_inner_texts())


@pytest.mark.parametrize(("locale", "language"), [("zh-CN", "zh"), ("en-GB", "en")])
def test_charts_and_tables_fit_a_phone(
    locale, language, server, rules_after_flush, ticket, site_a, site_b, carrier_admin
):
    closed_in_may(ticket, site_a, site_b)
    session = session_id(carrier_admin)
    with chromium() as browser:
        page = page_of(browser, server, session, "/dashboards/", locale=locale)
        page.set_viewport_size(PHONE)
        expect(page.locator("[data-chart] canvas")).to_have_count(len(panels()))
        wide = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        screenshot(page, f"dashboard-phone-{language}")
        assert wide <= 0, f"dashboard scrolls sideways by {wide}px"


def test_dispatched_tickets_refresh_the_open_dashboard_once(
    server, rules_after_flush, ticket, site_a, site_b, carrier_admin, make_user
):
    closed_in_may(ticket, site_a, site_b)
    noc = session_for(make_user(Role.MONITORING_CENTRE, username="noc"))
    session = session_id(carrier_admin)
    dispatch = {
        "site": site_a.pk,
        "level": 1,
        "mode": "on_site",
        "description": "基站退服，传输中断",
    }
    with chromium() as browser:
        page = page_of(browser, server, session, "/dashboards/")
        root = page.locator("[data-dashboard]")
        expect(root).to_have_attribute("data-live", "open")
        before = trend_total(page)

        # Two tickets in a row: one refetch (debounced), after both.
        for _ in range(2):
            url = server.url + "/requests/faults/dispatch/"
            assert post_form(noc, url, dispatch).status_code == 302

        expect(root).to_have_attribute("data-refreshed", "1", timeout=15_000)
        assert trend_total(page) == before + 2
        page.wait_for_timeout(4000)  # longer than the debounce: nothing more came
        expect(root).to_have_attribute("data-refreshed", "1")
