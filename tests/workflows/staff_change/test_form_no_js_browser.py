"""In a real browser with JavaScript off: the staff-change form files from its
plain rows and checkboxes (a module of its own: its server starts after the
other browser tests' flushes, whose new content-type ids it would not know).
"""

import re

import pytest
from playwright.sync_api import expect

from workflows.staff_change.models import StaffChange

from ...browser import chromium, page_of, screenshot
from .test_form_browser import PAGE, fill_person

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("in_chinese"),
]


def test_without_javascript_the_form_files_from_its_plain_rows(server, filing):
    session, leavers = filing
    with chromium() as browser:
        page = page_of(browser, server, session, PAGE, java_script_enabled=False)
        expect(page.locator("[data-person-row]:visible")).to_have_count(3)
        expect(page.locator("[data-picker-filter]")).to_be_hidden()
        expect(page.locator("[data-cap]")).to_contain_text(
            "本申请占用合同 0 个变更名额"
        )
        page.check("input[name=kind][value=replace]")
        fill_person(page, 0, "孔令辉", "13905710001")
        page.check(f"input[name=staff_out][value='{leavers[0].pk}']")
        page.fill("textarea[name=reason]", "一人调往外区")
        page.fill("input[name=effective_date]", "2025-06-01")
        screenshot(page, "staff-change-no-js-zh")
        page.click("main form button[type=submit]")
        page.wait_for_url(re.compile(r"/requests/\d+/$"))

    change = StaffChange.objects.get()
    assert (change.kind, change.positions) == ("replace", 1)
    assert list(
        change.people.filter(direction="in").values_list("name", flat=True)
    ) == ["孔令辉"]
