"""Keep it fixed (issue 10, §6): every portal page every demo user reaches, in
Chinese and in English, answers, wears the shell, speaks one language, and at
390 px in Chromium scrolls only down.

The demo is loaded once for the module (in a transaction rolled back at the
end); the link walk uses Django's test client (tests/crawl.py). The browser
pass opens the pages the walk kept, answered from them (no server), with the
portal's static files; screenshots go to tests/artifacts/crawl/.
"""

import time

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction

from fixtures.users import logins

from . import crawl
from .language import leaks

pytestmark = pytest.mark.django_db
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
