"""One search over policies: Chinese substrings, English words, privacy, paging."""

import re

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import PageViewRestriction

from home.models import PolicyPage
from registry.roles import Role
from search.text import query_clean

pytestmark = pytest.mark.django_db

ROOM_BODY = (
    "<p>外来人员须经许可方可进入。机房出入管理由值班员负责，蓄电池室同样适用。</p>"
)
ROOM_BODY_EN = "<p>Visitors are escorted in the machine room at all times.</p>"
URL = reverse("search:search")


def titles(response) -> list[str]:
    assert response.status_code == 200
    return re.findall(r"<strong[^>]*>(.*?)</strong>", response.content.decode())


@pytest.fixture
def room_policy(make_policy):
    return make_policy(
        "出入登记规定", title_en="Access register", body=ROOM_BODY, body_en=ROOM_BODY_EN
    )


@pytest.mark.parametrize("query", ["机房", "蓄电池", "机房出入管理", "出入", "值班员"])
def test_finds_chinese_words_inside_longer_runs(room_policy, login, query):
    assert titles(login(None).get(URL, {"q": query})) == ["出入登记规定"]


def test_the_database_backend_alone_misses_them(room_policy):
    """Why the fallback exists: SQLite FTS5 and PostgreSQL to_tsvector keep a
    run of Chinese up to the next punctuation as one token. When this fails,
    the backend has learnt to segment Chinese and the fallback can go."""
    assert list(PolicyPage.objects.live().search("机房")) == []
    assert list(PolicyPage.objects.live().search("蓄电池")) == []


@pytest.mark.parametrize("query", ["escorted", "machine room", "Access"])
def test_finds_english_words_of_the_english_version(room_policy, login, query):
    assert titles(login(None).get(URL, {"q": query})) == ["出入登记规定"]


def test_every_term_of_a_chinese_query_must_match(room_policy, make_policy, login):
    make_policy("机房空调巡检", body="<p>检查机房空调。</p>")

    assert titles(login(None).get(URL, {"q": "机房 蓄电池"})) == ["出入登记规定"]
    assert titles(login(None).get(URL, {"q": "机房 escorted"})) == ["出入登记规定"]


def test_title_matches_come_first(make_policy, login):
    make_policy("故障处理规范", body="<p>蓄电池故障按二级处理。</p>")
    make_policy("蓄电池维护规程", body="<p>每季度测试容量。</p>")

    assert titles(login(None).get(URL, {"q": "蓄电池"})) == [
        "蓄电池维护规程",
        "故障处理规范",
    ]


def test_english_readers_get_english_titles(room_policy, login):
    results = titles(login(None, language="en").get(URL, {"q": "机房"}))

    assert results == ["Access register"]


@pytest.mark.parametrize("query", ["机房", "escorted"])
def test_logged_in_only_policies_are_hidden_from_visitors(
    make_policy, login, reader, query
):
    make_policy(
        "出入登记规定", body=ROOM_BODY, body_en=ROOM_BODY_EN, login_required=True
    )

    assert titles(login(None).get(URL, {"q": query})) == []
    assert titles(login(reader).get(URL, {"q": query})) == ["出入登记规定"]


@pytest.mark.parametrize("query", ["机房", "escorted"])
def test_unpublished_policies_are_never_shown(make_policy, make_member, login, query):
    make_policy("出入登记规定", body=ROOM_BODY, body_en=ROOM_BODY_EN, live=False)
    boss = make_member("boss", is_superuser=True)

    assert titles(login(boss).get(URL, {"q": query})) == []


def test_a_group_restriction_shows_the_policy_to_that_group_only(
    room_policy, make_member, login, approver, reader
):
    restriction = PageViewRestriction.objects.create(
        page=room_policy, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(approver.groups.get(name=Role.CARRIER_ADMIN))

    assert titles(login(approver).get(URL, {"q": "机房"})) == ["出入登记规定"]
    assert titles(login(reader).get(URL, {"q": "机房"})) == []
    assert titles(login(None).get(URL, {"q": "escorted"})) == []


def results_page(response) -> dict:
    """The count line, titles, pager text and pager links of a results page."""
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    pager = soup.select_one("nav.pagination span")
    return {
        "count": soup.select_one("form.filters + p.muted").get_text(strip=True),
        "titles": [hit.get_text() for hit in soup.select("ol.search-results strong")],
        "pager": pager.get_text(strip=True) if pager else None,
        "links": [a["href"] for a in soup.select("nav.pagination a")],
    }


def test_results_come_in_pages_of_ten(make_policy, login):
    for number in range(23):
        make_policy(f"机房制度{number:02}", body=ROOM_BODY)
    client = login(None)
    query = "?q=%E6%9C%BA%E6%88%BF&page="

    pages = [client.get(URL, {"q": "机房", "page": n}) for n in (1, 2, 3)]
    pages = [results_page(page) for page in pages]

    assert {page["count"] for page in pages} == {"“机房”共有 23 条结果"}
    assert [len(page["titles"]) for page in pages] == [10, 10, 3]
    shown = [title for page in pages for title in page["titles"]]
    assert sorted(shown) == [f"机房制度{number:02}" for number in range(23)]
    assert [page["pager"] for page in pages] == [
        "第 1 页，共 3 页",
        "第 2 页，共 3 页",
        "第 3 页，共 3 页",
    ]
    assert [page["links"] for page in pages] == [
        [f"{query}2"],
        [f"{query}1", f"{query}3"],
        [f"{query}2"],
    ]
    assert results_page(client.get(URL, {"q": "机房"})) == pages[0]
    assert results_page(client.get(URL, {"q": "机房 规定"}))["pager"] is None


@pytest.mark.parametrize("query", ["机房", "escorted"])
def test_a_page_of_results_costs_the_same_queries_for_3_and_30_hits(
    make_policy, login, reader, query
):
    client = login(reader)

    def add(count):
        for _ in range(count):
            make_policy(body=ROOM_BODY, body_en=ROOM_BODY_EN, login_required=True)

    def queries(shown: int) -> int:
        with CaptureQueriesContext(connection) as context:
            assert len(titles(client.get(URL, {"q": query}))) == shown
        return len(context)

    add(3)
    client.get(URL, {"q": query})  # warm caches (site root paths, session)
    with_three = queries(shown=3)
    add(27)

    assert queries(shown=10) == with_three


def test_no_query_shows_the_form_only(login, room_policy):
    response = login(None).get(URL, {"q": "   "})

    assert titles(response) == []
    assert 'name="q"' in response.content.decode()


@pytest.mark.parametrize("query", ["机房\x00", "\x00机房", "机房\x07", "机房\r\n\t"])
def test_control_characters_in_a_query_are_dropped_not_sent_to_the_database(
    room_policy, login, query
):
    """PostgreSQL refuses NUL in a string: the page searches the words around it."""
    assert titles(login(None).get(URL, {"q": query})) == ["出入登记规定"]


def test_query_clean_keeps_words_and_drops_controls():
    assert query_clean(" 机房\x00 battery\ud800\x1b room ", max_length=100) == (
        "机房 battery room"
    )
    assert query_clean("机房" * 80, max_length=100) == ("机房" * 50)
