"""A site's and a person's own page: their facts, their requests, scoped by role."""

import datetime

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.urls import reverse

from home.rules import current_rules
from registry.calendar import local_today
from registry.models import StaffMember
from registry.roles import CARRIER_ROLES, Role
from tests.factories import LeaveFactory, RequestFactory, StaffMemberFactory
from workflows.leave.services import LeaveInput, leave_submit
from workflows.staff_change.services import StaffChangeInput, staff_change_submit
from workflows.temp_lead.services import TempLeadInput, temp_lead_submit

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("registry_data")]


def person_url(person) -> str:
    return reverse("registry:person", args=[person.pk])


def site_url(site) -> str:
    return reverse("registry:site", args=[site.code])


def soup(response) -> BeautifulSoup:
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def facts(page: BeautifulSoup) -> dict[str, str]:
    terms = page.select("dl.facts dt")
    return {
        dt.get_text(strip=True): dt.find_next_sibling("dd").get_text(" ", strip=True)
        for dt in terms
    }


def request_refs(page: BeautifulSoup) -> list[str]:
    return [a.get_text() for a in page.select("section.related td:first-child a")]


@pytest.fixture
def zhang(staff_a, engineer_a):
    """张伟 of company A, with engineer_a's account, a phone and an expiry."""
    person = staff_a[0]
    person.user, person.phone = engineer_a, "13800001111"
    person.certificate_expiry = datetime.date(2026, 6, 30)
    person.save()
    return person


def test_person_page_shows_position_status_qualifications_and_expiry(
    client_for, manager_a, zhang
):
    with time_machine.travel(datetime.datetime(2026, 6, 30, 12), tick=False):
        valid = soup(client_for(manager_a).get(person_url(zhang)))
    with time_machine.travel(datetime.datetime(2026, 7, 2, 12), tick=False):
        expired = soup(client_for(manager_a).get(person_url(zhang)))

    assert valid.h1.get_text(" ", strip=True) == "张伟 A-001"
    assert facts(valid) == {
        "单位": "华南通信代维有限公司",
        "岗位": "代维工程师",
        "状态": "在岗",
        "资质": "电工证 证书有效期至 2026-06-30",
        "合同": "HT-A-2025",
        "电话": "13800001111",
        "入职日期": "2024-03-01",
    }
    assert valid.select_one("[data-expiry]")["data-expiry"] == "valid"
    assert expired.select_one("[data-expiry]")["data-expiry"] == "expired"
    assert facts(expired)["资质"] == "电工证 证书有效期至 2026-06-30 已过期"


def test_person_page_lists_the_requests_about_them_newest_first(
    client_for, manager_a, zhang, staff_a, contract_a, engineer_a
):
    li_na = staff_a[1]
    start = local_today() + datetime.timedelta(days=30)
    later = start + datetime.timedelta(days=10)
    leave = leave_submit(
        user=engineer_a,
        data=LeaveInput(start_date=start, end_date=start, reason="家中有事"),
    )
    lead = temp_lead_submit(
        user=manager_a,
        data=TempLeadInput(
            stand_in=zhang, start_date=later, end_date=later, reason="负责人外出"
        ),
    )
    change = staff_change_submit(
        user=manager_a,
        data=StaffChangeInput(
            contract=contract_a,
            kind="replace",
            reason="调岗",
            effective_date=start,
            staff_out=[zhang],
            people_in=[{"name": "新人", "phone": "", "qualifications": ""}],
        ),
    )
    # Filed by 张伟 (engineer_a) but about 李娜: on her page, not on his.
    hers = LeaveFactory(person=li_na, requester=engineer_a)
    nobody = StaffMemberFactory(company=zhang.company)

    page = soup(client_for(manager_a).get(person_url(zhang)))
    other = soup(client_for(manager_a).get(person_url(li_na)))
    empty = soup(client_for(manager_a).get(person_url(nobody)))

    assert request_refs(page) == [change.reference, lead.reference, leave.reference]
    links = [a["href"] for a in page.select("section.related td:first-child a")]
    assert links[-1] == reverse("workflows:request", args=[leave.pk])
    assert page.select_one("section.related h2").get_text(" ", strip=True) == ("申请 3")
    assert request_refs(other) == [hers.reference]
    assert request_refs(empty) == []
    assert "没有涉及此人的申请" in empty.select_one("section.related").get_text()


def test_site_page_shows_address_region_contractor_and_open_requests(
    client_for, engineer_a, site_a, company_a, carrier_admin
):
    site_a.address = "天河路 1 号"
    site_a.save()
    open_one = RequestFactory(company=company_a, site=site_a, summary="机房门禁")
    RequestFactory(
        company=company_a,
        site=site_a,
        summary="已办结",
        finished=datetime.datetime(2026, 1, 5, tzinfo=datetime.UTC),
    )
    RequestFactory(company=company_a, summary="别处")

    page = soup(client_for(engineer_a).get(site_url(site_a)))

    assert page.h1.get_text(" ", strip=True) == "天河机房 gz-room-01"
    assert facts(page) == {
        "类型": "机房",
        "地址": "天河路 1 号",
        "区域": "广州天河 (核心城区)",
        "代维单位": "华南通信代维有限公司 · 24 小时值班电话 400-100-0001",
    }
    assert request_refs(page) == [open_one.reference]


# Every role of the demo: carrier roles see both companies' pages, a contractor
# their own (another company's is a 404), a trainee neither (no roster at all).
ROLE_ANSWERS = {
    **dict.fromkeys(CARRIER_ROLES, (200, 200)),
    Role.CONTRACTOR_MANAGER: (200, 404),
    Role.CONTRACTOR_ENGINEER: (200, 404),
    Role.TRAINEE: (403, 403),
}


@pytest.mark.parametrize("role", Role.values)
def test_every_role_opens_exactly_the_pages_it_may_see(
    client_for, make_user, role, site_a, site_b, staff_a, staff_b
):
    client = client_for(make_user(role))
    own, other = ROLE_ANSWERS[role]

    for url in (person_url(staff_a[0]), site_url(site_a)):
        assert client.get(url).status_code == own
    for url in (person_url(staff_b[0]), site_url(site_b)):
        response = client.get(url)
        assert response.status_code == other
        if other != 200:
            assert "王芳" not in response.content.decode()
            assert "沈阳基站" not in response.content.decode()


def test_company_b_manager_sees_b_and_not_a(
    client_for, manager_b, site_a, site_b, staff_a, staff_b
):
    client = client_for(manager_b)

    assert client.get(person_url(staff_b[0])).status_code == 200
    assert client.get(site_url(site_b)).status_code == 200
    assert client.get(person_url(staff_a[0])).status_code == 404
    assert client.get(site_url(site_a)).status_code == 404


def test_a_site_lists_no_request_of_another_company(
    client_for, manager_b, site_b, company_a
):
    """A site of B lists no request of company A, even one naming the site."""
    RequestFactory(company=company_a, site=site_b, summary="甲公司误填")

    page = soup(client_for(manager_b).get(site_url(site_b)))

    assert request_refs(page) == []


@pytest.mark.parametrize("url", ["/registry/staff/1/", "/registry/sites/gz-room-01/"])
def test_anonymous_is_sent_to_login(client, url):
    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={url}"


def test_lists_link_each_name_to_its_page(client_for, manager_a, site_a, staff_a):
    staff = soup(client_for(manager_a).get("/registry/staff/"))
    sites = soup(client_for(manager_a).get("/registry/sites/"))

    assert {a.get_text(): a["href"] for a in staff.select("tbody a")} == {
        person.name: person_url(person) for person in staff_a
    }
    assert {a.get_text(): a["href"] for a in sites.select("tbody a")} == {
        "天河机房": site_url(site_a)
    }


def test_request_page_links_the_person_and_the_site(
    client_for, manager_a, engineer_a, zhang, site_a, trainee_a
):
    start = local_today() + datetime.timedelta(days=30)
    leave = leave_submit(
        user=engineer_a,
        data=LeaveInput(start_date=start, end_date=start, reason="家中有事"),
    )
    leave.site = site_a
    leave.save(update_fields=["site"])
    url = reverse("workflows:request", args=[leave.pk])

    page = soup(client_for(manager_a).get(url))
    trainee_page = soup(client_for(trainee_a).get(url))

    assert page.find("a", string="张伟")["href"] == person_url(zhang)
    assert page.find("a", string="gz-room-01 天河机房")["href"] == site_url(site_a)
    # The trainee may read the request but has no roster: names without links.
    assert trainee_page.find("a", string="张伟") is None
    assert "张伟" in trainee_page.get_text()


# session, user, roles, company, permissions (user, groups), the row, the
# panel's count and page; the header badge: rules revisions, groups, open tasks;
# Policies and Requests entries: their index pages' URLs; the unread
# notifications' count.
PAGE_QUERIES = 14


@pytest.mark.parametrize("rows", [10, 100])
def test_person_page_query_count_does_not_grow_with_requests(
    client_for, manager_a, zhang, django_assert_num_queries, rows
):
    LeaveFactory.create_batch(rows, person=zhang)
    client = client_for(manager_a)
    current_rules()

    with django_assert_num_queries(PAGE_QUERIES):
        page = soup(client.get(person_url(zhang)))

    assert len(request_refs(page)) == 10


@pytest.mark.parametrize("rows", [10, 100])
def test_site_page_query_count_does_not_grow_with_requests(
    client_for, manager_a, site_a, django_assert_num_queries, rows
):
    RequestFactory.create_batch(rows, company=site_a.maintained_by, site=site_a)
    client = client_for(manager_a)
    current_rules()

    with django_assert_num_queries(PAGE_QUERIES):
        page = soup(client.get(site_url(site_a)))

    assert len(request_refs(page)) == 10


def test_requests_come_in_pages_of_ten(client_for, manager_a, zhang):
    LeaveFactory.create_batch(23, person=zhang)
    client = client_for(manager_a)

    pages = [
        soup(client.get(person_url(zhang), {"requests_page": n})) for n in (1, 2, 3)
    ]

    assert [len(request_refs(page)) for page in pages] == [10, 10, 3]
    assert len({ref for page in pages for ref in request_refs(page)}) == 23
    assert [a["href"] for a in pages[1].select("section.related nav a")] == [
        "?requests_page=1#requests",
        "?requests_page=3#requests",
    ]
    assert pages[2].select_one("section.related nav span").get_text() == (
        "第 3 页，共 3 页"
    )


def test_a_left_person_shows_the_day_they_left(client_for, manager_a, company_a):
    person = StaffMemberFactory(
        company=company_a,
        name="离职者",
        status=StaffMember.Status.LEFT,
        left_on=datetime.date(2025, 3, 1),
    )

    page = soup(client_for(manager_a).get(person_url(person)))

    assert facts(page)["入职日期"] == "2024-03-01 · 2025-03-01 离职"
    assert "电话" not in facts(page)
