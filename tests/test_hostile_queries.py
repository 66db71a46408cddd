"""Hostile query strings on every URL pattern of the portal, as every role.

Unicode digits (``"²".isdigit()`` is true, ``int()`` fails), numbers beyond 64
bits, repeated and bracketed (array) parameters, NUL, very long values: each
sent on every name a view of the portal reads. None may answer a 5xx.
"""

import logging
from urllib.parse import urlencode

import pytest
from django.test import Client

from registry.roles import Role
from tests.url_walk import concrete_paths

pytestmark = pytest.mark.django_db
NAMES = (
    "site", "company", "flow", "state", "tab", "overdue", "fragment", "page",
    "limit", "offset", "q", "status", "category", "p", "ordering", "next", "id",
)  # fmt: skip
VALUES = ("²", "9" * 40, "-" + "9" * 40, "a\x00b", "x" * 200)
# Wagtail's page that raises on purpose, to show its 500 page.
SKIP = ("wagtailadmin_error_test",)


def hostile_queries() -> list[str]:
    """Every name with every value, as arrays too (``n=1&n=²&n[]=²``).

    Query ``i`` gives name ``k`` value ``k + i``: five queries cover each pair.
    The hostile value comes last, the one ``QueryDict.get`` returns.
    """
    queries = []
    for shift in range(len(VALUES)):
        pairs = []
        for index, name in enumerate(NAMES):
            value = VALUES[(index + shift) % len(VALUES)]
            pairs += [(name, "1"), (name, value), (f"{name}[]", value)]
        queries.append(urlencode(pairs))
    return queries


def walk(client) -> tuple[int, list[str]]:
    """GET every path with every query; (requests sent, the 5xx answers)."""
    sent, failures = 0, []
    for path in concrete_paths(skip_names=SKIP):
        for number, query in enumerate(hostile_queries()):
            response = client.get(f"{path}?{query}")
            sent += 1
            if response.status_code >= 500:
                failures.append(f"{response.status_code} {path} (query {number})")
    return sent, failures


@pytest.mark.parametrize("role", [None, *Role], ids=lambda r: r or "anonymous")
def test_no_url_answers_a_server_error(
    role, make_user, registry_data, wagtail_site, caplog
):
    # Thousands of 4xx warnings cost more to format than the requests; errors stay.
    caplog.set_level(logging.ERROR, logger="django")
    client = Client(raise_request_exception=False)
    if role is not None:
        client.force_login(make_user(role))
    sent, failures = walk(client)
    assert sent >= 400 * len(hostile_queries())
    assert failures == [], "\n".join(failures)
