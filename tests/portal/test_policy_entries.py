"""The "Policies" and "Search" entry points: every logged-in user, no dead link."""

import re

import pytest

from home.models import PolicyIndexPage
from registry.roles import Role

pytestmark = pytest.mark.django_db


def entry_urls(client) -> dict[str, str]:
    """The home page's entry cards: key -> address."""
    html = client.get("/").content.decode()
    return {
        key: url
        for url, key in re.findall(r'<a href="([^"]+)" data-entry="([^"]+)"', html)
    }


@pytest.mark.parametrize("role", [Role.TRAINEE, Role.CARRIER_ADMIN])
def test_logged_in_users_get_policies_and_search(login, make_member, role):
    client = login(make_member("someone", role))

    urls = entry_urls(client)

    assert urls["policies"] == "/policies/"
    assert urls["search"] == "/search/"
    assert client.get(urls["policies"]).status_code == 200
    assert client.get(urls["search"]).status_code == 200


def test_visitors_get_no_entries(login):
    assert entry_urls(login(None)) == {}


def test_the_policies_entry_follows_the_index_when_it_moves(login, reader):
    index = PolicyIndexPage.objects.get()
    index.slug = "rules"
    index.save_revision().publish()

    assert entry_urls(login(reader))["policies"] == "/rules/"


def test_the_policies_entry_hides_while_there_is_no_index(login, reader):
    PolicyIndexPage.objects.get().delete()

    urls = entry_urls(login(reader))

    assert "policies" not in urls
    assert "search" in urls
