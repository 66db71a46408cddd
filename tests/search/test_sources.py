"""The registry of search sources and paging across them."""

import pytest
from django.urls import reverse

from search import sources
from search.results import ChainedResults
from search.sources import Hit, SearchSource, registered_sources

pytestmark = pytest.mark.django_db


class WordSource(SearchSource):
    """A stand-in for a later source (training pages, checklists)."""

    def __init__(self, key, words):
        self.key, self.label, self.words = key, key.title(), words

    def results(self, *, user, query):
        return [word for word in self.words if query in word]

    def hit(self, obj, *, request=None):
        return Hit(kind=self.label, title=obj, url=f"/{self.key}/{obj}/")


def test_policies_requests_staff_and_sites_are_registered_in_order():
    assert [source.key for source in registered_sources()] == [
        "policies",
        "requests",
        "staff",
        "sites",
    ]


def test_a_page_can_straddle_two_sources():
    first = WordSource("a", [f"a{i}" for i in range(4)])
    second = WordSource("b", [f"b{i}" for i in range(3)])
    results = ChainedResults(
        [(first, first.results(user=None, query="")), (second, ["b0", "b1", "b2"])]
    )

    assert len(results) == 7
    assert [hit.title for hit in results[3:6]] == ["a3", "b0", "b1"]
    assert results[-1].title == "b2"
    with pytest.raises(IndexError):
        results[7]


def test_a_plugged_in_source_is_searched_after_policies(
    monkeypatch, make_policy, login
):
    make_policy("机房出入管理规定")
    source = WordSource("checklists", ["机房巡检表", "基站巡检表"])
    monkeypatch.setitem(sources._SOURCES, source.key, source)

    html = login(None).get(reverse("search:search"), {"q": "机房"}).content.decode()

    assert html.index("机房出入管理规定") < html.index("机房巡检表")
    assert "基站巡检表" not in html
    assert 'href="/checklists/机房巡检表/"' in html
