"""In a real browser on a real server: a contractor's manager files a staff
change with two person rows added in place, picks the leaving people by
typing, and watches the cap change as the form fills."""

import re

import pytest
from playwright.sync_api import Page, expect

from workflows.staff_change.models import StaffChange

from ...browser import chromium, page_of, screenshot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("in_chinese"),
]

PAGE = "/requests/staff-change/"
PHONE = 390
DESKTOP = 1280


def fill_person(page: Page, index: int, name: str, phone: str) -> None:
    page.fill(f"input[name='people_in-{index}-name']", name)
    page.fill(f"input[name='people_in-{index}-phone']", phone)


def pick_by_typing(page: Page, words: str) -> None:
    """Type until one person is left in the list; Enter picks them."""
    page.fill("[data-picker-filter]", words)
    unpicked = page.locator(".picker-option:visible input:not(:checked)")
    expect(unpicked).to_have_count(1)
    page.keyboard.press("Enter")


def test_two_rows_a_leaver_picked_by_typing_and_the_cap_live(server, filing):
    session, leavers = filing
    cap_text = re.compile(r"本申请占用合同 (\d+) 个变更名额")
    with chromium() as browser:
        page = page_of(browser, server, session, PAGE)
        cap = page.locator("[data-cap]")
        expect(cap).to_contain_text("本申请占用合同 0 个变更名额")
        expect(page.locator("[data-person-row]:visible")).to_have_count(1)
        page.check("input[name=kind][value=replace]")

        fill_person(page, 0, "孔令辉", "13905710001")
        expect(cap).to_contain_text("本申请占用合同 1 个变更名额")
        page.click("[data-person-add]")
        expect(page.locator("[data-person-row]:visible")).to_have_count(2)
        fill_person(page, 1, "姚晓光", "13905710002")
        expect(cap).to_contain_text("本申请占用合同 2 个变更名额")

        pick_by_typing(page, "沈刚")
        expect(page.locator("[data-picker-chosen]")).to_have_text("已选： 沈刚")
        pick_by_typing(page, leavers[1].employee_no)
        chosen = re.compile("^已选： (沈刚、叶艳|叶艳、沈刚)$")
        expect(page.locator("[data-picker-chosen]")).to_have_text(chosen)
        expect(cap).to_have_text(cap_text)
        page.fill("textarea[name=reason]", "两人调往外区，补充两名新人")
        page.fill("input[name=effective_date]", "2025-06-01")
        screenshot(page, "staff-change-filled-zh")

        page.click("main form button[type=submit]")
        page.wait_for_url(re.compile(r"/requests/\d+/$"))
        expect(page.locator("main")).to_contain_text("孔令辉")

    change = StaffChange.objects.get()
    assert (change.kind, change.positions) == ("replace", 2)
    joiners = set(change.people.filter(direction="in").values_list("name", flat=True))
    assert joiners == {"孔令辉", "姚晓光"}
    leaving = set(change.people.filter(direction="out").values_list("staff", flat=True))
    assert leaving == {person.pk for person in leavers}


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
@pytest.mark.parametrize("locale", ["zh-CN", "en-US"])
def test_screenshots_of_the_form(server, filing, width, locale):
    session, _leavers = filing
    with chromium() as browser:
        page = page_of(
            browser,
            server,
            session,
            PAGE,
            viewport={"width": width, "height": 900},
            locale=locale,
        )
        expect(page.locator("[data-cap]")).to_be_visible()
        page.click("[data-person-add]")
        fill_person(page, 0, "孔令辉", "13905710001")
        name = f"staff-change-form-{locale}-{width}"
        screenshot(page, name)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth > window.innerWidth"
        )
        assert not overflow, "the page scrolls sideways"
