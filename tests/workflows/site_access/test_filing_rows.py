"""The filing page's outside-visitor rows and the site's pre-work checklist:
rows are filed as visitors, a bad row is shown again as typed with its own
message and nothing is written; the chosen site's checklist items are shown."""

import re
from decimal import Decimal

import pytest
from django.utils.html import escape

from home.models import ChecklistItem, ChecklistTemplate
from registry.models import Site
from workflows.rows import ROWS_INVALID
from workflows.site_access import rules
from workflows.site_access.models import SiteVisit

from ...factories import SiteFactory
from ...form_pages import post_form_page
from .test_filing import URL, PageClient, form, outsider_rows

pytestmark = pytest.mark.django_db
ZHAO = ["赵六", "华为技术有限公司", "110101199001011234", "13900000000"]
QIAN = ["钱七", "中兴通讯", "E12345678", "+86 139-0000-0001"]


@pytest.fixture
def page_client(client_for, engineer_a, demo_request_forms, prework):
    return PageClient(client_for(engineer_a, HTTP_ACCEPT_LANGUAGE="en"))


@pytest.fixture
def bts_a(company_a, region):
    return SiteFactory(
        code="gz-bts-07",
        name_zh="天河七号基站",
        maintained_by=company_a,
        region=region,
        kind=Site.Kind.BASE_STATION,
    )


@pytest.fixture
def bts_checklist():
    """A pre-work checklist of base stations with a measured item."""
    template = ChecklistTemplate.objects.create(
        code="bts-prework",
        name_zh="基站作业前检查",
        name_en="Base station check before work",
        site_kind=Site.Kind.BASE_STATION,
        pre_work=True,
    )
    ChecklistItem.objects.create(
        template=template,
        key="dc_voltage",
        label_zh="直流电压",
        label_en="DC voltage before work",
        kind=ChecklistItem.Kind.NUMBER,
        unit="V",
        min_value=Decimal("-57.000"),
        max_value=Decimal("-40.5"),
    )
    return template


def filed(site, people, *rows, **values):
    return form(site, people, **outsider_rows(*rows, total=len(rows) + 1), **values)


def test_outside_visitors_are_filed_one_row_each(clock, page_client, site_a, visitor_a):
    data = filed(site_a, [visitor_a], ZHAO, QIAN, escort=visitor_a.pk)
    data["outsiders-1-DELETE"] = ""
    response = post_form_page(page_client, URL, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    visit = SiteVisit.objects.get()
    outsiders = [v for v in visit.visitors.all() if v.is_outsider]
    assert [(v.name, v.company_name, v.id_number, v.phone) for v in outsiders] == [
        tuple(ZHAO),
        tuple(QIAN),
    ]
    assert visit.escort == visitor_a


def test_a_row_marked_removed_is_not_filed(clock, page_client, site_a, visitor_a):
    data = filed(site_a, [visitor_a], ZHAO, ["钱七", "", "", ""], escort=visitor_a.pk)
    data["outsiders-1-DELETE"] = "on"
    assert post_form_page(page_client, URL, data).status_code == 302
    assert SiteVisit.objects.get().visitors.filter(name="钱七").count() == 0


def test_bad_rows_are_shown_again_as_typed_with_their_messages(
    clock, page_client, site_a, visitor_a
):
    no_id = ["赵六", "华为技术有限公司", "", "13900000000"]
    bad_phone = ["钱七", "中兴通讯", "E12345678", "call me"]
    data = filed(site_a, [visitor_a], no_id, bad_phone, escort=visitor_a.pk)
    page = post_form_page(page_client, URL, data)
    text = page.content.decode()
    assert page.status_code == 200
    assert escape(str(ROWS_INVALID)) in text
    assert escape(str(rules.OUTSIDER_NEEDS["id_number"])) in text
    assert escape(str(rules.PHONE_INVALID)) in text
    # What was typed is there to correct, in its own row.
    assert 'name="outsiders-0-name" value="赵六"' in text
    assert 'name="outsiders-1-phone" value="call me"' in text
    assert re.search(r'name="planned_work"[^>]*>\s*更换电源模块', text)
    assert not SiteVisit.objects.exists()


def test_the_row_messages_are_in_chinese_on_the_chinese_page(
    clock, client_for, engineer_a, demo_request_forms, prework, site_a, visitor_a
):
    client = PageClient(client_for(engineer_a, HTTP_ACCEPT_LANGUAGE="zh-hans"))
    no_id = ["赵六", "华为技术有限公司", "", "13900000000"]
    page = post_form_page(client, URL, filed(site_a, [visitor_a], no_id))
    assert "请填写来访人员的身份证号" in page.content.decode()
    assert not SiteVisit.objects.exists()


def test_the_chosen_sites_checklist_items_are_shown(
    clock, page_client, site_a, bts_a, bts_checklist, visitor_a
):
    text = page_client.get(URL).content.decode()
    # Before a site is chosen: each kind's checklist, labels in English.
    assert "The carrier allowed this visit" in text
    assert "DC voltage before work" in text and "(-57 – -40.5 V)" in text
    assert not re.search(r'data-checklist-kind="[a-z_]+" hidden', text)
    assert 'data-kind="base_station"' in text
    # After a refused post for the base station: only its checklist shows.
    data = form(bts_a, [visitor_a], checklist_acknowledged="", planned_work="")
    text = post_form_page(page_client, URL, data).content.decode()
    assert 'data-checklist-kind="machine_room" hidden' in text
    assert 'data-checklist-kind="base_station">' in text
    assert not SiteVisit.objects.exists()


def test_a_site_without_a_checklist_needs_no_acknowledgement(
    clock, page_client, bts_a, visitor_a
):
    data = form(bts_a, [visitor_a], checklist_acknowledged="")
    response = post_form_page(page_client, URL, data)
    assert response.status_code == 302
    visit = SiteVisit.objects.get()
    assert visit.checklist is None and visit.checklist_acknowledged_at is None
