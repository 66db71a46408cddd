"""Search finds requests, staff and sites beside policies, only those one may see."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from registry.roles import Role
from tests.factories import RequestFactory, SiteFactory, StaffMemberFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("registry_data")]

URL = reverse("search:search")


def hits(response) -> list[tuple[str, str, str]]:
    """(kind, title, link) of each result on the page."""
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return [
        (
            item.select_one(".tag").get_text(),
            item.select_one("strong").get_text(),
            item.select_one("a")["href"],
        )
        for item in soup.select("ol.search-results li")
        if item.select_one("a")
    ]


def titles(response) -> list[str]:
    return [title for _, title, _ in hits(response)]


@pytest.fixture
def work(company_a, company_b, site_a, site_b, staff_a, staff_b):
    """A phone and a request on each side: company A's and company B's."""
    staff_a[0].phone, staff_b[0].phone = "13800001111", "13900002222"
    staff_a[0].save()
    staff_b[0].save()
    return {
        "a": RequestFactory(
            reference="LV-2026-00007",
            company=company_a,
            site=site_a,
            summary="天河机房空调更换",
            summary_en="Tianhe room air conditioner swap",
        ),
        "b": RequestFactory(
            reference="LV-2026-00008",
            company=company_b,
            site=site_b,
            summary="沈阳基站蓄电池更换",
            summary_en="Shenyang battery swap",
        ),
    }


def request_hit(request_obj) -> tuple[str, str, str]:
    return ("申请", request_obj.summary, f"/requests/{request_obj.pk}/")


@pytest.mark.parametrize(
    "query", ["LV-2026-00007", "lv-2026-00007", "空调", "天河机房 空调", "swap Tianhe"]
)
def test_finds_a_request_by_reference_or_summary_words(
    client_for, manager_a, work, query
):
    assert hits(client_for(manager_a).get(URL, {"q": query})) == [
        request_hit(work["a"])
    ]


def test_finds_requests_by_site_code_beside_the_site(client_for, manager_a, work):
    found = hits(client_for(manager_a).get(URL, {"q": "gz-room-01"}))

    assert found == [
        request_hit(work["a"]),
        ("站点", "gz-room-01 天河机房", "/registry/sites/gz-room-01/"),
    ]


@pytest.mark.parametrize("query", ["张伟", "A-001", "13800001111", "0000111"])
def test_finds_a_person_by_name_number_or_phone(
    client_for, manager_a, work, staff_a, query
):
    assert hits(client_for(manager_a).get(URL, {"q": query})) == [
        ("人员", "张伟 (A-001)", f"/registry/staff/{staff_a[0].pk}/")
    ]


@pytest.mark.parametrize("query", ["天河机房", "Tianhe Room", "gz-room", "天河路"])
def test_finds_a_site_by_code_name_or_address(client_for, engineer_a, site_a, query):
    site_a.address = "天河路 1 号"
    site_a.save()

    assert ("站点", "gz-room-01 天河机房", "/registry/sites/gz-room-01/") in hits(
        client_for(engineer_a).get(URL, {"q": query})
    )


# Company B's own terms, each of which company A's people must never match.
COMPANY_B_TERMS = [
    "LV-2026-00008",
    "沈阳",
    "蓄电池更换",
    "Shenyang",
    "sy-bts-01",
    "王芳",
    "B-001",
    "13900002222",
]


@pytest.mark.parametrize("role", [Role.CONTRACTOR_MANAGER, Role.CONTRACTOR_ENGINEER])
@pytest.mark.parametrize("query", COMPANY_B_TERMS)
def test_another_companys_terms_find_nothing(client_for, make_user, work, role, query):
    response = client_for(make_user(role)).get(URL, {"q": query})

    results = BeautifulSoup(response.content, "html.parser").select_one(
        "ol.search-results"
    )
    assert hits(response) == []
    assert results.get_text(strip=True) == (
        "没有匹配的结果。请尝试更短的词语或使用另一种语言。"
    )


@pytest.mark.parametrize("query", COMPANY_B_TERMS)
def test_a_carrier_finds_company_bs_terms(client_for, carrier_admin, work, query):
    assert hits(client_for(carrier_admin).get(URL, {"q": query}))


def test_company_b_finds_its_own_and_not_company_as(client_for, manager_b, work):
    client = client_for(manager_b)

    assert titles(client.get(URL, {"q": "更换"})) == ["沈阳基站蓄电池更换"]
    assert titles(client.get(URL, {"q": "13800001111"})) == []


def test_a_trainee_finds_company_requests_but_no_roster_or_sites(
    client_for, trainee_a, work
):
    """Like the pages: a trainee reads its company's requests, has no roster."""
    client = client_for(trainee_a)

    assert titles(client.get(URL, {"q": "空调"})) == ["天河机房空调更换"]
    assert titles(client.get(URL, {"q": "张伟"})) == []
    assert titles(client.get(URL, {"q": "13800001111"})) == []
    assert titles(client.get(URL, {"q": "gz-room-01"})) == ["天河机房空调更换"]


def test_visitors_find_no_work(client_for, work):
    for query in ("空调", "张伟", "gz-room-01", "LV-2026"):
        assert hits(client_for(None).get(URL, {"q": query})) == []


def test_each_kind_says_what_it_is_in_both_languages(
    client_for, carrier_admin, work, make_policy, site_a
):
    make_policy("天河机房管理规定", title_en="Tianhe room rules")
    site_a.name_en = "Tianhe machine room"
    site_a.save()
    person = StaffMemberFactory(company=site_a.maintained_by, name="天河机房值班员")
    english = client_for(carrier_admin)
    english.cookies["django_language"] = "en"

    zh = hits(client_for(carrier_admin).get(URL, {"q": "天河机房"}))
    en = hits(english.get(URL, {"q": "天河机房"}))

    assert [kind for kind, _, _ in zh] == ["制度", "申请", "人员", "站点"]
    assert [kind for kind, _, _ in en] == ["Policy", "Request", "Staff", "Site"]
    assert [title for _, title, _ in en] == [
        "Tianhe room rules",
        "Tianhe room air conditioner swap",
        f"天河机房值班员 ({person.employee_no})",
        "gz-room-01 Tianhe machine room",
    ]
    assert [link for _, _, link in en][1:] == [
        f"/requests/{work['a'].pk}/",
        f"/registry/staff/{person.pk}/",
        "/registry/sites/gz-room-01/",
    ]


def result_pages(client, query, pages=(1, 2, 3)):
    out = []
    for number in pages:
        response = client.get(URL, {"q": query, "page": number})
        soup = BeautifulSoup(response.content, "html.parser")
        out.append(
            {
                "titles": titles(response),
                "pager": soup.select_one("nav.pagination span").get_text(strip=True),
            }
        )
    return out


def test_work_results_come_in_pages_of_ten(client_for, manager_a, company_a):
    for number in range(23):
        RequestFactory(company=company_a, summary=f"巡检申请{number:02}")

    pages = result_pages(client_for(manager_a), "巡检申请")

    assert [len(page["titles"]) for page in pages] == [10, 10, 3]
    shown = sorted(title for page in pages for title in page["titles"])
    assert shown == [f"巡检申请{number:02}" for number in range(23)]
    assert pages[2]["pager"] == "第 3 页，共 3 页"


def add_matches(kind: str, count: int, company, region) -> None:
    """``count`` more rows of ``kind`` of ``company`` that match “匹配”."""
    if kind == "requests":
        RequestFactory.create_batch(count, company=company, summary="匹配事项")
    elif kind == "staff":
        StaffMemberFactory.create_batch(count, company=company, name="匹配员工")
    else:
        SiteFactory.create_batch(
            count, maintained_by=company, region=region, name_zh="匹配站点"
        )


@pytest.mark.parametrize("kind", ["requests", "staff", "sites"])
def test_a_page_of_work_costs_the_same_queries_for_10_and_100_hits(
    client_for, manager_a, company_a, region, kind
):
    client = client_for(manager_a)

    def queries() -> int:
        with CaptureQueriesContext(connection) as context:
            assert len(titles(client.get(URL, {"q": "匹配"}))) == 10
        return len(context)

    add_matches(kind, 10, company_a, region)
    client.get(URL, {"q": "匹配"})  # warm caches (site root paths, session)
    with_ten = queries()
    add_matches(kind, 90, company_a, region)

    assert queries() == with_ten
