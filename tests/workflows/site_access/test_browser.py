"""A visit filed, approved, checked in and out in Chromium on a 390 px phone,
in Chinese and English (screenshots in tests/artifacts/browser/)."""

import datetime
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.utils import timezone, translation
from playwright.sync_api import expect
from viewflow.workflow.models import Task

from ledgers.models import AssetEvent
from registry.roles import Role
from workflows.site_access.models import SiteVisit

from ...browser import chromium, page_of, screenshot
from ...factories import StaffMemberFactory
from ...servers import daphne_servers, session_id

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def server(django_db_setup):
    """A server per run: the flush between runs leaves a module-wide server's
    memory pointing at rows that are gone."""
    with daphne_servers(1) as (running,):
        yield running


@pytest.fixture(autouse=True)
def in_chinese(settings):
    """Wagtail's default locale follows the active language: keep it Chinese
    between the two runs (a request in English leaves English active)."""
    settings.LANGUAGE_CODE = "zh-hans"
    with translation.override("zh-hans"):
        yield


@pytest.fixture
def ready(
    wagtail_site,
    rules_after_flush,
    demo_request_forms,
    company_a,
    contract_a,
    site_a,
    make_user,
):
    from fixtures import checklists
    from ledgers.models import Asset

    checklists.load()
    Asset.objects.create(
        tag="FA-GZ-0001",
        name="开关电源",
        site=site_a,
        agreed_on=datetime.date(2026, 1, 5),
    )
    engineer = make_user(Role.CONTRACTOR_ENGINEER, company_a, username="eng")
    StaffMemberFactory(
        company=company_a,
        contract=contract_a,
        name="张伟",
        employee_no="A-101",
        user=engineer,
    )
    owner = make_user(Role.MAINTENANCE_MANAGER, username="owner")
    return session_id(engineer), session_id(owner)


def wide(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def shot(page, name, language):
    screenshot(page, f"site-visit-{name}-phone-{language}")
    assert wide(page) <= 0, f"{name} scrolls sideways by {wide(page)}px"


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_visit_on_a_phone_from_filing_to_check_out(server, ready, language):
    engineer, owner = ready
    start = timezone.localtime() + datetime.timedelta(minutes=10)
    locale = "zh-CN" if language == "zh-hans" else "en-US"
    options = {"viewport": PHONE, "locale": locale}
    with chromium() as browser:
        page = page_of(browser, server, engineer, "/requests/site-access/", **options)
        page.select_option("#id_site", index=1)
        page.fill("#id_window_start", start.strftime("%Y-%m-%dT%H:%M"))
        end = start + datetime.timedelta(hours=2)
        page.fill("#id_window_end", end.strftime("%Y-%m-%dT%H:%M"))
        page.check("#id_staff_0")
        # The checklist of the chosen site's kind, item by item.
        expect(page.locator("[data-checklist-item]").first).to_be_visible()
        # An outside visitor: the spare rows appear one by one on "Add".
        expect(page.locator("input[name='outsiders-0-name']")).to_be_hidden()
        page.click("[data-row-add]")
        page.fill("input[name='outsiders-0-name']", "周立")
        page.fill("input[name='outsiders-0-company_name']", "华为技术有限公司")
        page.fill("input[name='outsiders-0-id_number']", "330102198805061234")
        page.fill("input[name='outsiders-0-phone']", "13757120086")
        page.select_option("#id_escort", index=1)
        page.fill("#id_planned_work", "更换电源模块")
        page.check("#id_equipment_change")
        page.check("#id_checklist_acknowledged")
        for field in page.locator("input[type=text]").all():
            if not field.input_value() and field.get_attribute("required") is not None:
                field.fill("13800000000")
        shot(page, "file", language)
        with page.expect_navigation():
            page.locator("form button[type=submit]").last.click()
        visit_id = _wait_for_visit()
        approval = page_of(browser, server, owner, f"/requests/{visit_id}/", **options)
        shot(approval, "request", language)
        task = _open_task(visit_id)
        approval.goto(f"/requests/{visit_id}/tasks/{task}/")
        approval.check("input[value=approved]")
        with approval.expect_navigation():
            approval.locator("form button[type=submit]").last.click()
        on_site = page_of(browser, server, engineer, "/", **options)
        for step in ("check-in", "check-out"):
            on_site.goto(f"/requests/{visit_id}/tasks/{_open_task(visit_id)}/")
            expect(on_site.locator(".visitor strong").first).to_contain_text("张伟")
            if step == "check-out":
                on_site.fill("#id_work_done", "更换电源模块一块")
                on_site.check("input[name=removed_assets]")
                on_site.click("[data-row-add]")
                on_site.fill("input[name='added-0-name']", "PSU-48V 整流模块")
                on_site.fill("input[name='added-0-serial']", "SN-PSU-9")
                on_site.fill("input[name='added-0-tag']", "FA-GZ-0002")
            button = on_site.locator("button.thumb-button")
            assert button.bounding_box()["height"] >= 44
            shot(on_site, step, language)
            with on_site.expect_navigation():
                button.click()
        expect(on_site.locator("[data-visitor]").first).to_contain_text("张伟")
        shot(on_site, "closed", language)
    visit = SiteVisit.objects.get(pk=visit_id)
    assert visit.outcome == "approved" and visit.finished is not None
    assert [v.name for v in visit.visitors.filter(staff=None)] == ["周立"]
    assert all(v.checked_out_at for v in visit.visitors.all())
    events = AssetEvent.objects.filter(process_id=visit_id).order_by("pk")
    assert [(e.asset.tag, e.kind) for e in events] == [
        ("FA-GZ-0001", "removed"),
        ("FA-GZ-0002", "added"),
    ]


def off_loop(read):
    """Run a query outside Playwright's event loop thread (Django refuses it)."""
    from django.db import connection

    def run():
        try:
            return read()
        finally:
            connection.close()

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(run).result()


def _wait_for_visit() -> int:
    return off_loop(_last_visit)


def _last_visit() -> int:
    visit = SiteVisit.objects.order_by("-pk").first()
    assert visit is not None, "the visit was not filed"
    return visit.pk


def _open_task(visit_id) -> int:
    return off_loop(lambda: _task_of(visit_id))


def _task_of(visit_id) -> int:
    return Task.objects.get(
        process_id=visit_id,
        flow_task_type="HUMAN",
        status__in=["NEW", "ASSIGNED", "STARTED"],
    ).pk
