"""A site's QR label encodes the portal address of its scan page; scanning
opens the engineer's due inspection of the site, or says there is none."""

import pytest
import segno
from django.urls import reverse

from registry.roles import Role
from workflows.inspection import qr

from ...factories import SiteFactory

pytestmark = pytest.mark.django_db


def test_code_encodes_the_scan_address(site_a, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://portal.example.cn/"
    url = qr.scan_url(site_a)
    path = reverse("workflows:inspection:scan", args=[site_a.qr_token])
    assert path.endswith(f"/scan/{site_a.qr_token}/")
    assert url == f"https://portal.example.cn{path}"
    svg = qr.qr_svg(url)
    assert svg.startswith("<svg") and "</svg>" in svg
    assert svg == segno.make(url, error="m").svg_inline(scale=4, border=2, title=url)
    assert svg != qr.qr_svg(url + "x")


def test_label_page_shows_the_code_of_the_address(site_a, manager_a, client_for):
    body = client_for(manager_a).get(
        reverse("workflows:inspection:label", args=[site_a.pk])
    )
    body = body.content.decode()
    url = qr.scan_url(site_a)
    assert qr.qr_svg(url) in body
    assert f"<small data-qr-url>{url}</small>" in body


def test_company_labels_query_count_and_isolation(
    site_a, region, company_a, manager_a, manager_b, client_for
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(manager_a)
    labels = reverse("workflows:inspection:labels")
    client.get(labels)  # the session's first page reads what later ones reuse
    with CaptureQueriesContext(connection) as few:
        client.get(labels)
    for i in range(5):
        SiteFactory(code=f"q-{i}", maintained_by=company_a, region=region)
    with CaptureQueriesContext(connection) as many:
        body = client.get(labels).content.decode()
    assert body.count("data-label=") == 6
    assert len(many) == len(few)
    other = client_for(manager_b)
    assert "data-label=" not in other.get(labels).content.decode()
    url = reverse("workflows:inspection:label", args=[site_a.pk])
    assert other.get(url).status_code == 404


def test_engineer_cannot_print_labels(site_a, engineer_a, client_for):
    url = reverse("workflows:inspection:label", args=[site_a.pk])
    assert client_for(engineer_a).get(url).status_code == 403


def test_scan_offers_the_due_inspection(row, engineer_a, client_for):
    url = reverse("workflows:inspection:scan", args=[row.site.qr_token])
    answer = client_for(engineer_a).get(url)
    assert answer.status_code == 200
    start = reverse("workflows:inspection:execute", args=[row.pk])
    assert f'data-inspect href="{start}"' in answer.content.decode()
    assert b"data-report" not in answer.content  # an engineer does not dispatch


def test_scan_without_due_inspection_says_so_in_both_languages(
    site_a, engineer_a, client_for
):
    url = reverse("workflows:inspection:scan", args=[site_a.qr_token])
    body = client_for(engineer_a).get(url).content.decode()
    assert "You have no inspection due at this site this month." in body
    zh = client_for(engineer_a, HTTP_ACCEPT_LANGUAGE="zh-hans").get(url)
    assert "本月您在此站点没有待做的巡检。" in zh.content.decode()


def test_scan_of_another_companys_site_is_404(row, make_user, company_b, client_for):
    engineer_b = make_user(Role.CONTRACTOR_ENGINEER, company_b)
    url = reverse("workflows:inspection:scan", args=[row.site.qr_token])
    assert client_for(engineer_b).get(url).status_code == 404


def test_scan_lists_the_sites_open_tickets_and_offers_a_report(
    site_a, site_b, make_user, client_for
):
    from workflows.faults.services import TicketInput, ticket_dispatch

    noc = make_user(Role.MONITORING_CENTRE, username="noc")
    here = ticket_dispatch(
        user=noc,
        data=TicketInput(site=site_a, level=2, mode="remote", description="告警"),
    )
    there = ticket_dispatch(
        user=noc,
        data=TicketInput(site=site_b, level=2, mode="remote", description="告警"),
    )
    url = reverse("workflows:inspection:scan", args=[site_a.qr_token])
    page = client_for(noc).get(url).content.decode()
    assert f'data-ticket="{here.pk}"' in page
    assert f'data-ticket="{there.pk}"' not in page
    dispatch = reverse("workflows:fault_dispatch") + f"?site={site_a.pk}"
    assert f'data-report href="{dispatch}"' in page
    form = client_for(noc).get(dispatch).content.decode()
    assert f'<option value="{site_a.pk}" selected>' in form


def test_the_cms_prints_a_label_sheet_per_region(
    site_a, site_b, carrier_admin, client_for
):
    from tests.factories import RegionFactory, SiteFactory

    island = RegionFactory(code="islands", name_zh="海岛", name_en="Islands")
    far = SiteFactory(code="zs-01", maintained_by=site_a.maintained_by, region=island)
    admin = client_for(carrier_admin)
    regions = admin.get(reverse("qr_label_regions")).content.decode()
    assert f'data-region="{island.pk}"' in regions
    assert f'data-region="{site_a.region_id}"' in regions
    sheet = admin.get(reverse("qr_label_sheet", args=[island.pk])).content.decode()
    assert f'data-label="{far.pk}"' in sheet
    assert f'data-label="{site_a.pk}"' not in sheet
    assert qr.scan_url(far) in sheet


def test_a_contractor_prints_no_region_sheet(site_a, manager_a, client_for):
    url = reverse("qr_label_sheet", args=[site_a.region_id])
    assert client_for(manager_a).get(url).status_code in {302, 403}
