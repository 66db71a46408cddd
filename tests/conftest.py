"""Shared fixtures: two contractor companies with their data, a user per role."""

import datetime

import pytest
from django.test import Client
from wagtail.models import Locale, Page
from wagtail.models import Site as WagtailSite

from home.models import HomePage
from registry.models import Site, StaffMember
from registry.roles import CONTRACTOR_ROLES, Role
from tests import browser, crawl, deploy_stack, servers
from tests.factories import (
    CompanyFactory,
    ContractFactory,
    RegionFactory,
    SiteFactory,
    StaffMemberFactory,
    UserFactory,
)
from tests.portal.static_root import collect_production_static


@pytest.fixture(autouse=True)
def rules_cache_cleared():
    """Each test reads the rules it published: a rolled-back test's revision
    id comes again (SQLite) and, under a frozen clock, with the same creation
    time, the cache key of ``current_rules`` (live revision id and time)."""
    from home.rules import reader

    reader._SNAPSHOTS.clear()
    yield
    reader._SNAPSHOTS.clear()


@pytest.fixture(autouse=True)
def facts_cache_cleared():
    """Each test starts with no valid cached user facts (``registry.facts``):
    a rolled-back test's user ids come again (SQLite). Their version for
    everyone goes, not the whole cache: under Redis it shares a database."""
    from django.core.cache import caches

    from registry.facts import ALIAS, EVERYONE

    caches[ALIAS].delete(EVERYONE)
    yield
    caches[ALIAS].delete(EVERYONE)


@pytest.fixture
def region():
    return RegionFactory(code="gz-tianhe", name_zh="广州天河", name_en="Guangzhou")


@pytest.fixture
def company_a():
    return CompanyFactory(
        code="huanan",
        name_zh="华南通信代维有限公司",
        name_en="South China Telecom Services",
        hotline="400-100-0001",
    )


@pytest.fixture
def company_b():
    return CompanyFactory(
        code="beifang",
        name_zh="北方网络工程有限公司",
        name_en="Northern Network Engineering",
        hotline="400-200-0002",
    )


@pytest.fixture
def contract_a(company_a, region):
    return ContractFactory(
        company=company_a, number="HT-A-2025", title="天河片区", regions=[region]
    )


@pytest.fixture
def contract_b(company_b, region):
    return ContractFactory(company=company_b, number="HT-B-2025", title="沈阳片区")


@pytest.fixture
def site_a(company_a, region):
    return SiteFactory(
        code="gz-room-01",
        name_zh="天河机房",
        name_en="Tianhe Room",
        maintained_by=company_a,
        region=region,
        kind=Site.Kind.MACHINE_ROOM,
    )


@pytest.fixture
def site_b(company_b, region):
    return SiteFactory(
        code="sy-bts-01",
        name_zh="沈阳基站",
        name_en="Shenyang BTS",
        maintained_by=company_b,
        region=region,
    )


@pytest.fixture
def staff_a(company_a, contract_a):
    """Two people of company A: 张伟 (on duty) and 李娜 (trainee)."""
    return [
        StaffMemberFactory(
            company=company_a,
            contract=contract_a,
            name="张伟",
            employee_no="A-001",
            qualifications="电工证",
        ),
        StaffMemberFactory(
            company=company_a,
            contract=contract_a,
            name="李娜",
            employee_no="A-002",
            status=StaffMember.Status.TRAINEE,
        ),
    ]


@pytest.fixture
def staff_b(company_b, contract_b):
    """Two people of company B: 王芳 and 刘洋."""
    return [
        StaffMemberFactory(
            company=company_b, contract=contract_b, name="王芳", employee_no="B-001"
        ),
        StaffMemberFactory(
            company=company_b,
            contract=contract_b,
            name="刘洋",
            employee_no="B-002",
            joined_on=datetime.date(2025, 5, 1),
        ),
    ]


@pytest.fixture
def registry_data(contract_a, contract_b, site_a, site_b, staff_a, staff_b):
    """Both companies with a contract, a site and two staff members each."""
    return {
        "contracts": (contract_a, contract_b),
        "sites": (site_a, site_b),
        "staff": (staff_a, staff_b),
    }


@pytest.fixture
def make_user(company_a):
    """``make_user(role)``: contractor roles belong to company A unless told."""

    def make(role=None, company=None, **kwargs):
        if company is None and role in CONTRACTOR_ROLES:
            company = company_a
        roles = [role] if role else []
        return UserFactory(roles=roles, company=company, **kwargs)

    return make


@pytest.fixture
def carrier_admin(make_user):
    return make_user(Role.CARRIER_ADMIN, username="carrier_admin")


@pytest.fixture
def manager_a(make_user, company_a):
    return make_user(Role.CONTRACTOR_MANAGER, company_a, username="manager_a")


@pytest.fixture
def manager_b(make_user, company_b):
    return make_user(Role.CONTRACTOR_MANAGER, company_b, username="manager_b")


@pytest.fixture
def engineer_a(make_user, company_a):
    return make_user(Role.CONTRACTOR_ENGINEER, company_a, username="engineer_a")


@pytest.fixture
def trainee_a(make_user, company_a):
    return make_user(Role.TRAINEE, company_a, username="trainee_a")


@pytest.fixture
def no_role_user(make_user):
    return make_user(username="nobody")


@pytest.fixture
def client_for():
    """``client_for(user)``: a test client logged in as ``user`` (None: anonymous)."""

    def make(user, **defaults):
        client = Client(**defaults)
        if user is not None:
            client.force_login(user)
        return client

    return make


@pytest.fixture
def wagtail_site():
    """The locale, root page, home page and default site a flushed DB lacks."""
    Locale.objects.get_or_create(language_code="zh-hans")
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(title="Root", slug="root")
    home = HomePage.objects.first()
    if home is None:
        home = root.add_child(instance=HomePage(title="代维门户", slug="home"))
    WagtailSite.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "root_page": home, "site_name": "代维门户"},
    )
    return home


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """A test that fails while real servers run shows their logs in its report."""
    report = yield
    if report.failed:
        for server in servers.running:
            report.sections.append((f"daphne {server.url} log", server.log()))
    return report


def pytest_runtest_setup(item):
    if item.get_closest_marker("browser") and not browser.installed():
        pytest.skip(browser.MISSING)


@pytest.fixture(scope="session")
def production_static(tmp_path_factory):
    """STATIC_ROOT as ``collectstatic`` writes it under the production settings."""
    return collect_production_static(tmp_path_factory.mktemp("static"))


def pytest_terminal_summary(terminalreporter):
    for line in [*deploy_stack.figures, *crawl.figures]:
        terminalreporter.write_line(line)
    if browser.saved:
        terminalreporter.write_line(f"Browser screenshots: {browser.SHOTS}")


@pytest.fixture
def demo_request_forms(wagtail_site):
    """The demo's Requests index and one form page per registered flow kind."""
    from fixtures import request_forms

    request_forms.load()
    return wagtail_site
