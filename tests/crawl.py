"""A walk over every portal link a user can follow, with Django's test client.

From the home page it follows each ``<a href>`` on the portal (not the CMS,
the API, files or the logout), and each redirect, breadth first; every page
it reaches is kept with its status and HTML for the checks and the browser
pass of tests/test_crawl.py.

Walks in one language share what they have seen: every address is opened at
least once per language, and each user opens up to ``PER_KIND`` addresses of
each kind (URL pattern and query names) that an earlier walk opened already,
so the 65 staff pages are read once per language, not once per role.
"""

from collections import Counter, deque
from dataclasses import dataclass, field
from urllib.parse import urldefrag, urljoin, urlsplit

from django.conf import settings
from django.test import Client
from django.urls import Resolver404, resolve

from .html_links import PageLinks

SKIP_PREFIXES = (
    "/admin/",  # Wagtail's CMS, its own languages and styles
    "/cms",
    "/api/",  # JSON and the API's documentation page
    "/static/",
    "/media/",
    "/documents/",  # files: their status is checked, not their text
    "/jsi18n/",
    "/healthz",
)
FILES = ("/attachments/", "/documents/")
PER_KIND = 3
MAX_PAGES = 600  # per user and language: a walk that grows past it is a bug
SHELL_CSS = "/css/portal.css"
figures: list[str] = []  # printed by the terminal summary in tests/conftest.py


@dataclass
class Page:
    path: str
    status: int
    html: str = ""
    from_page: str = ""

    @property
    def is_html(self) -> bool:
        return bool(self.html)


@dataclass
class Walk:
    username: str
    language: str
    pages: dict[str, Page] = field(default_factory=dict)
    files: dict[str, Page] = field(default_factory=dict)


def _internal(href: str, base: str) -> str | None:
    """``href`` on ``base`` as a path with its query, or None when not ours."""
    url, _ = urldefrag(urljoin(base, href))
    parts = urlsplit(url)
    if parts.scheme not in ("", "http") or parts.netloc not in ("", "testserver"):
        return None
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    return path or "/"


def _followed(path: str) -> bool:
    return not path.startswith(SKIP_PREFIXES) or path.startswith(FILES)


def kind_of(path: str) -> tuple:
    """The page's kind: its URL pattern and query names (a CMS page: itself)."""
    parts = urlsplit(path)
    query = tuple(sorted({pair.split("=")[0] for pair in parts.query.split("&")}))
    try:
        route = resolve(parts.path).route
    except Resolver404:
        return (parts.path, query)
    # Wagtail serves every CMS page through one pattern: each is its own kind.
    return (parts.path if route.startswith(("<", "^")) else route, query)


def walk(user, language: str, opened: set[str]) -> Walk:
    """The pages ``user`` reaches from ``/`` in ``language``; ``opened`` holds
    the addresses earlier walks in that language opened, and gains this one's."""
    client = Client(raise_request_exception=False)
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    result = Walk(user.username, language)
    queue = deque([("/", "")])
    seen = {"/"}
    kinds: Counter = Counter()
    while queue:
        path, origin = queue.popleft()
        assert len(result.pages) < MAX_PAGES, (
            f"over {MAX_PAGES} pages: {path}; most opened: {kinds.most_common(8)}"
        )
        kind = kind_of(path)
        if path in opened and kinds[kind] >= PER_KIND:
            continue
        opened.add(path)
        kinds[kind] += 1
        if path.startswith(FILES):
            # Read the status only: a file's body is streamed, not walked.
            response = client.head(path)
            result.files[path] = Page(path, response.status_code, from_page=origin)
            continue
        response = client.get(path)
        page = Page(path, response.status_code, from_page=origin)
        result.pages[path] = page
        targets = []
        if response.status_code in (301, 302, 303, 307, 308):
            targets = [response["Location"]]
        elif response.get("Content-Type", "").startswith("text/html"):
            page.html = response.content.decode()
            targets = PageLinks(page.html).hrefs
        for href in targets:
            target = _internal(href, path)
            if target and target not in seen and _followed(target):
                seen.add(target)
                queue.append((target, path))
    return result


def has_shell_css(html: str) -> bool:
    """Whether the page links the portal's own stylesheet (the shell's)."""
    hrefs = PageLinks(html).stylesheets
    return any(href.split("?")[0].endswith(SHELL_CSS) for href in hrefs)
