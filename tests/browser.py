"""Headless Chromium for ``@pytest.mark.browser`` tests: Debian's, never a download.

Tests marked ``browser`` skip when it is missing (see tests/conftest.py).
Screenshots land in ``SHOTS``, kept after the run and named in its summary.
"""

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from playwright.sync_api import Browser, Page, sync_playwright

from .servers import Server

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
MISSING = "Chromium not installed: apt-get install chromium to run browser tests"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
]
SHOTS = Path(settings.BASE_DIR) / "tests" / "artifacts" / "browser"
saved: list[Path] = []  # read by the terminal summary in tests/conftest.py


def installed() -> bool:
    return os.access(CHROMIUM, os.X_OK)


@contextmanager
def chromium() -> Iterator[Browser]:
    """One headless Chromium, for the ``with`` block only.

    Playwright's sync API keeps an event loop running in this thread while it
    is open, so Django refuses queries and ``async_to_sync`` in the block: make
    the rows and sessions (``session_id``) before opening it.
    """
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


def page_of(
    browser: Browser, server: Server, session: str, path: str, **options
) -> Page:
    """A new browser context on ``session`` (in Chinese unless ``locale=``),
    opened at ``path``.
    """
    options = {"locale": "zh-CN", **options}
    context = browser.new_context(base_url=server.url, **options)
    cookie = {"name": settings.SESSION_COOKIE_NAME, "value": session}
    context.add_cookies([{**cookie, "url": server.url}])
    page = context.new_page()
    page.goto(path)
    return page


def screenshot(page: Page, name: str) -> Path:
    path = SHOTS / f"{name}.png"
    page.screenshot(path=path, full_page=True)
    saved.append(path)
    return path
