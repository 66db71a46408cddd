"""The registry's portal pages: scoped rows, permissions, search, query counts."""

import pytest

from home.rules import current_rules
from registry.roles import Role
from tests.factories import ContractFactory, SiteFactory, StaffMemberFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("registry_data")]

PAGES = ["/registry/staff/", "/registry/contracts/", "/registry/sites/"]
COMPANY_B_ROWS = [
    "王芳",
    "刘洋",
    "B-001",
    "HT-B-2025",
    "沈阳基站",
    "sy-bts-01",
    "北方网络",
]
COMPANY_A_ROWS = {
    "/registry/staff/": ["张伟", "李娜", "A-001"],
    "/registry/contracts/": ["HT-A-2025"],
    "/registry/sites/": ["天河机房", "gz-room-01"],
}


def html(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("url", PAGES)
def test_contractor_sees_own_rows_and_never_another_companys(
    client_for, manager_a, url
):
    page = html(client_for(manager_a).get(url))

    for text in COMPANY_A_ROWS[url]:
        assert text in page
    for text in COMPANY_B_ROWS:
        assert text not in page


@pytest.mark.parametrize(
    ("url", "term", "company_b_row"),
    [
        ("/registry/staff/", "王芳", "B-001"),
        ("/registry/contracts/", "沈阳片区", "HT-B-2025"),
        ("/registry/sites/", "沈阳", "sy-bts-01"),
    ],
)
def test_contractor_search_cannot_reach_another_company(
    client_for, manager_a, url, term, company_b_row
):
    page = html(client_for(manager_a).get(url, {"q": term}))

    assert company_b_row not in page


def test_carrier_search_finds_the_other_companys_contract(client_for, carrier_admin):
    page = html(
        client_for(carrier_admin).get("/registry/contracts/", {"q": "沈阳片区"})
    )

    assert "HT-B-2025" in page
    assert "HT-A-2025" not in page


@pytest.mark.parametrize("url", PAGES)
def test_carrier_sees_both_companies_with_company_column(
    client_for, carrier_admin, url
):
    page = html(client_for(carrier_admin).get(url))

    for text in COMPANY_A_ROWS[url]:
        assert text in page
    assert "北方网络工程有限公司" in page


def test_engineer_sees_staff_and_sites_but_not_contracts(client_for, engineer_a):
    client = client_for(engineer_a)

    assert client.get("/registry/staff/").status_code == 200
    assert client.get("/registry/sites/").status_code == 200
    assert client.get("/registry/contracts/").status_code == 403


@pytest.mark.parametrize("url", PAGES)
def test_trainee_is_forbidden_the_lists(client_for, trainee_a, url):
    response = client_for(trainee_a).get(url)

    assert response.status_code == 403
    assert "张伟" not in response.content.decode()


@pytest.mark.parametrize("url", [*PAGES, "/registry/me/"])
def test_anonymous_is_sent_to_login(client, url):
    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={url}"


def test_staff_search_matches_chinese_name(client_for, carrier_admin):
    page = html(client_for(carrier_admin).get("/registry/staff/", {"q": "张伟"}))

    assert "A-001" in page
    assert "A-002" not in page
    assert "B-001" not in page


def test_staff_search_matches_chinese_company_name(client_for, carrier_admin):
    page = html(client_for(carrier_admin).get("/registry/staff/", {"q": "北方"}))

    assert "王芳" in page and "刘洋" in page
    assert "张伟" not in page


def test_staff_status_filter(client_for, manager_a):
    page = html(client_for(manager_a).get("/registry/staff/", {"status": "trainee"}))

    assert "李娜" in page
    assert "张伟" not in page


def test_site_search_matches_chinese_name(client_for, carrier_admin):
    page = html(client_for(carrier_admin).get("/registry/sites/", {"q": "机房"}))

    assert "gz-room-01" in page
    assert "sy-bts-01" not in page


def test_me_page_shows_own_company_and_staff_record(
    client_for, make_user, company_a, staff_a
):
    user = make_user(Role.CONTRACTOR_ENGINEER, company_a)
    staff_a[0].user = user
    staff_a[0].save()

    page = html(client_for(user).get("/registry/me/"))

    assert "华南通信代维有限公司" in page
    assert "400-100-0001" in page
    assert "A-001" in page
    assert "北方网络" not in page
    assert "400-200-0002" not in page


def test_me_page_for_user_without_company(client_for, no_role_user):
    page = html(client_for(no_role_user).get("/registry/me/"))

    assert "nobody" in page
    assert "400-100-0001" not in page


def make_rows(url: str, count: int, contract) -> None:
    """``count`` more rows of ``contract``'s company for the list at ``url``."""
    company, region = contract.company, contract.regions.get()
    if url == "/registry/staff/":
        StaffMemberFactory.create_batch(count, company=company, contract=contract)
    elif url == "/registry/contracts/":
        ContractFactory.create_batch(count, company=company, regions=[region])
    else:
        SiteFactory.create_batch(count, maintained_by=company, region=region)


# session, user, roles, company, permissions (user + groups), count, page of rows;
# the contract list adds one query for the prefetched regions; the header badge
# adds three: the rules' live revisions, the user's groups, the open-task count;
# the Policies and Requests entries one each: the live index pages' URLs; the
# unread notifications' count one.
QUERIES = {"/registry/staff/": 13, "/registry/contracts/": 14, "/registry/sites/": 13}


@pytest.mark.parametrize("rows", [10, 200])
@pytest.mark.parametrize("url", PAGES)
def test_list_query_count_does_not_grow_with_rows(
    client_for, manager_a, contract_a, django_assert_num_queries, url, rows
):
    make_rows(url, rows, contract_a)
    client = client_for(manager_a)
    current_rules()  # a warm rules cache, as in a running server

    with django_assert_num_queries(QUERIES[url]):
        response = client.get(url)

    assert response.status_code == 200
