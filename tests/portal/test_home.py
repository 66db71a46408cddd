"""The home page: per-role entry points in both languages, and no dead links."""

import pytest

from home.models import PolicyIndexPage
from registry.roles import CARRIER_ROLES, Role
from tests.html_links import PageLinks

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("registry_data")]

LANGUAGES = ["zh-hans", "en"]
OTHER = {"zh-hans": "en", "en": "zh-hans"}
MY_ACCOUNT = {"zh-hans": "我的账户", "en": "My account"}
LOG_IN = {"zh-hans": "登录", "en": "Log in"}
HOME_LINK = {"zh-hans": "返回首页", "en": "Back to the home page"}
EVERYONE = {"me", "queue", "policies", "search"}
LISTS = {"staff", "contracts", "sites", "faults"} | EVERYONE
OVERSEE = {"training_oversight"}
LEARN = {"training"}
EXPECTED_ENTRIES = {
    Role.CARRIER_ADMIN: LISTS | OVERSEE | {"admin", "training_sessions"},
    Role.MAINTENANCE_MANAGER: LISTS | OVERSEE | {"admin"},
    Role.DEPARTMENT_HEAD: LISTS | OVERSEE | {"admin"},
    Role.INSTITUTE_REVIEWER: LISTS | OVERSEE,
    Role.PROVINCIAL_APPROVER: LISTS | OVERSEE,
    Role.MONITORING_CENTRE: LISTS | OVERSEE,
    Role.CONTRACTOR_MANAGER: LISTS | OVERSEE | LEARN,
    Role.CONTRACTOR_ENGINEER: {"staff", "sites", "faults"} | EVERYONE | LEARN,
    Role.TRAINEE: EVERYONE | LEARN,
}
# The ledgers, the visit log and the inspection findings: every carrier
# role, and anyone of a contractor company (its own items); inspections to
# fill in: the people of a company who inspect.
SEEN_BY_ALL = {"ledgers", "site_visits", "inspection_findings"}
EXPECTED_ENTRIES = {
    role: entries | SEEN_BY_ALL for role, entries in EXPECTED_ENTRIES.items()
}
for role in (Role.CONTRACTOR_MANAGER, Role.CONTRACTOR_ENGINEER):
    EXPECTED_ENTRIES[role] |= {"inspections_due"}
# The dashboards: the carrier, and a contractor company's manager.
for role in EXPECTED_ENTRIES:
    if role not in (Role.CONTRACTOR_ENGINEER, Role.TRAINEE):
        EXPECTED_ENTRIES[role] |= {"dashboards"}

# The monthly assessments: every carrier role, and a contractor's managers.
for role in set(Role) - {Role.CONTRACTOR_ENGINEER, Role.TRAINEE}:
    EXPECTED_ENTRIES[role] |= {"assessments"}

# The obligations calendar: the carrier and contractor managers; the work log:
# a company's engineers and managers.
for role in (*CARRIER_ROLES, Role.CONTRACTOR_MANAGER):
    EXPECTED_ENTRIES[role] |= {"obligations"}
for role in (Role.CONTRACTOR_MANAGER, Role.CONTRACTOR_ENGINEER):
    EXPECTED_ENTRIES[role] |= {"work_log"}


def home_page(client, **headers) -> PageLinks:
    response = client.get("/", **headers)
    assert response.status_code == 200
    return PageLinks(response.content.decode())


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("role", list(Role))
def test_home_shows_the_roles_entry_points_and_none_is_dead(
    client_for, make_user, role, language
):
    client = client_for(make_user(role))
    client.cookies["django_language"] = language

    page = home_page(client)

    assert page.lang == language
    assert MY_ACCOUNT[language] in page.html
    assert MY_ACCOUNT[OTHER[language]] not in page.html
    assert set(page.entries) == EXPECTED_ENTRIES[role]
    for href in page.internal_hrefs:
        assert client.get(href).status_code == 200, href


def test_user_without_role_only_sees_own_account(client_for, no_role_user):
    page = home_page(client_for(no_role_user))

    assert set(page.entries) == EVERYONE


@pytest.mark.parametrize("language", LANGUAGES)
def test_language_follows_accept_language_header(client_for, manager_a, language):
    page = home_page(client_for(manager_a), HTTP_ACCEPT_LANGUAGE=language)

    assert page.lang == language


def test_language_cookie_wins_over_accept_language(client_for, manager_a):
    client = client_for(manager_a)
    client.cookies["django_language"] = "en"

    page = home_page(client, HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9")

    assert page.lang == "en"


def test_default_language_is_simplified_chinese(client):
    assert home_page(client).lang == "zh-hans"


def test_language_switcher_posts_to_set_language(client_for, manager_a):
    page = home_page(client_for(manager_a))

    switchers = [form for form in page.forms if form.get("action") == "/i18n/setlang/"]
    assert len(switchers) == 1
    assert switchers[0]["method"] == "post"


def test_switching_language_sets_the_cookie(client_for, manager_a):
    client = client_for(manager_a)

    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.cookies["django_language"].value == "en"
    assert home_page(client).lang == "en"


@pytest.mark.parametrize("language", LANGUAGES)
def test_anonymous_sees_the_login_link_and_no_entries(client, language):
    client.cookies["django_language"] = language

    page = home_page(client)

    assert page.entries == {}
    assert "/accounts/login/?next=/" in page.hrefs
    assert LOG_IN[language] in page.html
    for href in page.internal_hrefs:
        assert client.get(href).status_code == 200, href


def test_home_shows_the_users_company(client_for, manager_a):
    response = client_for(manager_a).get("/")

    assert "华南通信代维有限公司" in response.content.decode()


@pytest.mark.parametrize("language", LANGUAGES)
def test_unknown_address_renders_our_404_page(client, language):
    response = client.get("/no-such-page/", HTTP_ACCEPT_LANGUAGE=language)

    assert response.status_code == 404
    assert "error_page.html" in [t.name for t in response.templates]
    assert HOME_LINK[language] in response.content.decode()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("run", ["first", "after a flush"])
def test_wagtail_site_fixture_serves_home_in_transactional_tests(
    wagtail_site, client_for, make_user, run
):
    page = home_page(client_for(make_user(Role.TRAINEE)))

    # the migrated database has a policy index; a flush (any earlier
    # transactional test) removes it, and its entry hides with it
    policies = {"policies"} if PolicyIndexPage.objects.live().exists() else set()
    assert set(page.entries) == (
        (EVERYONE - {"policies"}) | LEARN | policies | SEEN_BY_ALL
    )
