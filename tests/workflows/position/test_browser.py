"""The position change form and request page on a 390 px phone, in both languages."""

import pytest
from django.utils import translation
from playwright.sync_api import expect

from ...browser import chromium, page_of, screenshot
from ...servers import daphne_servers, session_id

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"viewport": {"width": 390, "height": 844}}
WIDTH = "document.documentElement.scrollWidth"


@pytest.fixture(autouse=True)
def in_chinese(settings):
    """Wagtail's default locale follows the language: the flushed database's
    pages are made in Chinese, whatever an earlier test left active."""
    settings.LANGUAGE_CODE = "zh-hans"
    with translation.override("zh-hans"):
        yield


def test_form_and_request_page_fit_a_phone(
    rules_after_flush, demo_request_forms, file_change, manager_a, other_region
):
    change = file_change(team="二组", region=other_region)
    session = session_id(manager_a)
    with daphne_servers(1) as (server,), chromium() as browser:
        for locale, name in (("zh-CN", "zh"), ("en-GB", "en")):
            form = page_of(
                browser,
                server,
                session,
                "/requests/position-change/",
                locale=locale,
                **PHONE,
            )
            expect(form.locator("select[name=person]")).to_be_attached()
            assert form.evaluate(WIDTH) <= 390
            screenshot(form, f"position-form-390-{name}")
            page = page_of(
                browser,
                server,
                session,
                f"/requests/{change.pk}/",
                locale=locale,
                **PHONE,
            )
            expect(page.locator("[data-company-step=yes]")).to_be_visible()
            assert page.evaluate(WIDTH) <= 390
            screenshot(page, f"position-request-390-{name}")
