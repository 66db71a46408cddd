"""Keep it fixed (issue 10, §6): every portal page every demo user reaches, in
Chinese and in English, answers, wears the shell, speaks one language, and at
390 px in Chromium scrolls only down.

The demo is loaded once for the module (in a transaction rolled back at the
end); the link walk uses Django's test client (tests/crawl.py). The browser
pass opens the pages the walk kept, answered from them (no server), with the
portal's static files; screenshots go to tests/artifacts/crawl/.
"""

import os
import re
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.db import transaction

from fixtures.users import logins

from . import crawl
from .browser import chromium
from .language import leaks

# The walk reads every page as every role; on PostgreSQL the hostile queries
# (tests/test_hostile_queries.py) already open every URL pattern as every
# role, so the services lanes leave the crawl to the embedded suite.
pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        bool(os.environ.get("DATABASE_URL")),
        reason="the crawl runs in the embedded suite (make test)",
    ),
]
LANGUAGES = ("zh-hans", "en")


@pytest.fixture(scope="module")
def walks(django_db_setup, django_db_blocker):
    """Every demo user's walk in both languages, over the demo data."""
    started = time.monotonic()
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo")
        loaded = time.monotonic()
        users = get_user_model().objects.in_bulk(
            [name for name, _ in logins()], field_name="username"
        )
        opened = {language: set() for language in LANGUAGES}
        done = [
            crawl.walk(users[name], language, opened[language])
            for name, _ in logins()
            for language in LANGUAGES
        ]
        transaction.set_rollback(True)
    pages = sum(len(w.pages) for w in done)
    crawl.figures.append(
        f"Crawl: {pages} pages ({len(logins())} roles x {len(LANGUAGES)} languages, "
        f"{len(_unique(done))} distinct addresses), demo loaded in "
        f"{loaded - started:.1f} s, walked in {time.monotonic() - loaded:.1f} s"
    )
    return done


def _unique(walks) -> set[str]:
    return {path for w in walks for path in w.pages}


def _report(problems: list[str]) -> str:
    return f"{len(problems)} problems:\n" + "\n".join(sorted(set(problems)))


def test_every_role_reaches_its_part_of_the_portal(walks):
    by_user = {(w.username, w.language): w for w in walks}
    for walk in walks:
        assert len(walk.pages) >= 8, (walk.username, sorted(walk.pages))
    manager = by_user["lead_a", "en"].pages
    assert {"/queue/", "/registry/staff/", "/registry/sites/"} <= set(manager)
    assert any(path.startswith("/requests/") for path in manager)


def test_every_link_answers(walks):
    problems = [
        f"{w.username} {w.language} {page.status} {page.path} (from {page.from_page})"
        for w in walks
        for page in [*w.pages.values(), *w.files.values()]
        if page.status >= 400
    ]
    assert not problems, _report(problems)


def test_every_page_wears_the_shell(walks):
    problems = [
        f"{w.username} {w.language} {page.path}"
        for w in walks
        for page in w.pages.values()
        if page.is_html and not crawl.has_shell_css(page.html)
    ]
    assert not problems, _report(problems)


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_text_in_the_other_language(walks, language):
    found: dict[str, list[str]] = {}
    for w in walks:
        for page in w.pages.values():
            if w.language == language and page.is_html:
                for leak in leaks(page.html, language):
                    found.setdefault(str(leak), []).append(page.path)
    problems = [
        f"{leak}  on {pages[0]} (+{len(set(pages)) - 1} more)"
        for leak, pages in found.items()
    ]
    assert not problems, _report(problems)


def _phone_pages(walks) -> list[tuple[crawl.Walk, crawl.Page]]:
    """Per language, the longest page of each kind (``PHONE_PER_KIND`` by
    different users): the fullest tables are the ones that overflow."""
    chosen = []
    for language in LANGUAGES:
        by_kind: dict[tuple, list] = {}
        for w in walks:
            if w.language != language:
                continue
            for page in w.pages.values():
                if page.is_html and page.status == 200:
                    by_kind.setdefault(crawl.kind_of(page.path), []).append((w, page))
        for pages in by_kind.values():
            pages.sort(key=lambda pair: len(pair[1].html), reverse=True)
            users = set()
            for w, page in pages:
                if w.username not in users and len(users) < PHONE_PER_KIND:
                    users.add(w.username)
                    chosen.append((w, page))
    return chosen


PHONE_PER_KIND = 1
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.mark.browser
def test_no_page_scrolls_sideways_at_390_px(walks):
    """Each page as the walk read it, in Chromium 390 px wide (and 1280 px for
    the screenshots when ``CRAWL_DESKTOP=1``)."""
    chosen = _phone_pages(walks)
    widths = {"390": PHONE}
    if os.environ.get("CRAWL_DESKTOP"):
        widths["1280"] = DESKTOP
    started = time.monotonic()
    problems = []
    SHOTS.mkdir(parents=True, exist_ok=True)
    with chromium() as browser:
        for name, viewport in widths.items():
            for w, page in chosen:
                tab = _open(browser, w, page, viewport)
                overflow = tab.evaluate(OVERFLOW)
                shot = (
                    SHOTS / f"{name}-{w.language}-{w.username}-{_slug(page.path)}.png"
                )
                tab.screenshot(path=shot, full_page=True)
                tab.context.close()
                if overflow and viewport is PHONE:
                    problems.append(
                        f"{w.username} {w.language} {page.path}: {overflow}"
                    )
    crawl.figures.append(
        f"Crawl in Chromium: {len(chosen)} pages x {len(widths)} widths in "
        f"{time.monotonic() - started:.1f} s, screenshots in {SHOTS}"
    )
    assert not problems, _report(problems)


SHOTS = Path(settings.BASE_DIR) / "tests" / "artifacts" / "crawl"
BASE = "http://portal.test"
# The page wider than the screen, or a list in it that scrolls sideways (a
# cut-off table): what and how wide; "" when neither.
OVERFLOW = """() => {
  const root = document.documentElement;
  const wide = [...document.querySelectorAll(".table-wrap, pre, .chart-svg")]
    .filter((el) => el.scrollWidth > el.clientWidth + 1 && el.offsetParent);
  if (root.scrollWidth <= root.clientWidth && !wide.length) return "";
  let worst = wide[0] || null, right = root.clientWidth;
  for (const el of document.body.querySelectorAll("*")) {
    const r = el.getBoundingClientRect().right;
    if (r > right) { right = r; worst = el; }
  }
  const name = worst ? worst.tagName.toLowerCase() + "." + worst.className : "?";
  return `page ${root.scrollWidth}px, widest ${name} to ${Math.round(right)}px`;
}"""


def _slug(path: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "_", path).strip("_") or "home"


def _open(browser, walk, page, viewport):
    """A tab on ``page``'s HTML, the portal's static files from the finders."""
    locale = "zh-CN" if walk.language == "zh-hans" else "en-US"
    context = browser.new_context(base_url=BASE, viewport=viewport, locale=locale)

    def answer(route):
        path = urlsplit(route.request.url).path
        if route.request.url == BASE + page.path:
            route.fulfill(status=200, content_type="text/html", body=page.html)
        elif path.startswith(settings.STATIC_URL) and (
            found := finders.find(path.removeprefix(settings.STATIC_URL))
        ):
            route.fulfill(path=found)
        else:  # live.js's resync, media: not part of the page's layout
            route.abort()

    context.route("**/*", answer)
    tab = context.new_page()
    tab.goto(page.path, wait_until="load")
    return tab


ROSTER = "/registry/staff/"
ROSTER_MAX_HEIGHT = 4500  # px at 390 px, 50 people a page (was 8,259 in zh-hans)
# (username, path): the pages a reviewer opens in both languages at 390 px.
SHOWN = (("manager", ROSTER), ("lead_a", "/requests/leave/"))


@pytest.mark.browser
def test_the_roster_is_compact_on_a_phone_and_shown_in_both_languages(walks):
    """At 390 px the roster's 50 people are compact cards, not a page to scroll
    for ever; it and a request form are screenshot in Chinese and English."""
    pages = {
        (w.username, w.language, path): w.pages[path]
        for w in walks
        for username, path in SHOWN
        if w.username == username and path in w.pages
    }
    assert len(pages) == len(SHOWN) * len(LANGUAGES), sorted(pages)
    heights = {}
    SHOTS.mkdir(parents=True, exist_ok=True)
    by_user = {(w.username, w.language): w for w in walks}
    with chromium() as browser:
        for (username, language, path), page in pages.items():
            tab = _open(browser, by_user[username, language], page, PHONE)
            heights[username, language, path] = tab.evaluate(
                "document.documentElement.scrollHeight"
            )
            tab.screenshot(
                path=SHOTS / f"shown-390-{language}-{_slug(path)}.png", full_page=True
            )
            tab.context.close()
    crawl.figures.append(f"Heights at 390 px: {heights}")
    for (_username, _language, path), height in heights.items():
        if path == ROSTER:
            assert height <= ROSTER_MAX_HEIGHT, heights
