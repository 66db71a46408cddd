"""Filing a visit from the admin-built form page: good input starts the flow,
bad input gets a clear, translated error and writes nothing."""

import datetime
import re

import pytest
from django.utils import timezone
from django.utils.html import escape

from workflows.site_access import rules
from workflows.site_access.models import SiteVisit
from workflows.site_access.services import ACKNOWLEDGE

from ...form_pages import post_form_page
from .conftest import open_task

pytestmark = pytest.mark.django_db
URL = "/requests/site-access/"


def local(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


OUTSIDER_FIELDS = ("name", "company_name", "id_number", "phone")


def outsider_rows(*rows, total=None) -> dict:
    """The POST data of the outside visitors' rows (a Django formset)."""
    data = {
        "outsiders-TOTAL_FORMS": str(total or max(len(rows), 2)),
        "outsiders-INITIAL_FORMS": "0",
        "outsiders-MIN_NUM_FORMS": "0",
        "outsiders-MAX_NUM_FORMS": "20",
    }
    for index, row in enumerate(rows):
        for name, value in zip(OUTSIDER_FIELDS, row, strict=True):
            data[f"outsiders-{index}-{name}"] = value
    return data


def form(site, people, start_in=2, length=3, **values):
    start = timezone.now() + datetime.timedelta(hours=start_in)
    return {
        "site": site.pk,
        "window_start": local(start),
        "window_end": local(start + datetime.timedelta(hours=length)),
        "staff": [p.pk for p in people],
        "planned_work": "更换电源模块",
        "checklist_acknowledged": "on",
        **outsider_rows(),
        **values,
    }


PHONE_LABEL = re.compile(r'<label for="id_(\w+)">(?:现场联系电话|On-site phone)')


class PageClient:
    """Posts the form page with its own extra field (the on-site phone) filled."""

    def __init__(self, client):
        self.client = client
        self.phone = PHONE_LABEL.search(client.get(URL).content.decode()).group(1)

    def get(self, url):
        return self.client.get(url)

    def post(self, url, data, **kwargs):
        return self.client.post(url, {self.phone: "13800000000", **data}, **kwargs)


@pytest.fixture
def page_client(client_for, engineer_a, demo_request_forms, prework):
    return PageClient(client_for(engineer_a, HTTP_ACCEPT_LANGUAGE="en"))


def test_a_visit_filed_on_its_page_waits_for_the_site_owner(
    clock, page_client, site_a, visitor_a
):
    page = page_client.get(URL)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Machine room safety check before work" in text or "pre-work" in text
    response = post_form_page(page_client, URL, form(site_a, [visitor_a]))
    assert response.status_code == 302, response.content.decode()[:3000]
    visit = SiteVisit.objects.get()
    assert visit.site == site_a and visit.company_id == site_a.maintained_by_id
    assert visit.checklist.code == "room-prework-safety"
    assert visit.checklist_acknowledged_at == timezone.now()
    assert open_task(visit, "approval")
    assert visit.answers  # the page's own extra field is kept


@pytest.mark.parametrize(
    ("values", "field_message"),
    [
        ({"start_in": -1}, rules.WINDOW_PAST),
        ({"length": -1}, rules.WINDOW_INVERTED),
        ({"checklist_acknowledged": ""}, ACKNOWLEDGE),
        (
            outsider_rows(["赵六", "华为", "110101199001011234", "13900000000"]),
            rules.ESCORT_NEEDED,
        ),
        ({"staff": []}, rules.NO_VISITORS),
    ],
)
def test_bad_input_is_refused_with_its_message_and_writes_nothing(
    clock, page_client, site_a, visitor_a, values, field_message
):
    values = dict(values)  # the parameters' own dict serves every run of the test
    start_in = values.pop("start_in", 2)
    length = values.pop("length", 3)
    data = form(site_a, [visitor_a], start_in=start_in, length=length)
    data.update(values)
    page = post_form_page(page_client, URL, data)
    assert page.status_code == 200
    assert escape(str(field_message)) in page.content.decode()
    assert not SiteVisit.objects.exists()


def test_a_visitor_of_another_company_cannot_be_chosen(
    clock, page_client, site_a, visitor_a, staff_b
):
    page = post_form_page(page_client, URL, form(site_a, [visitor_a, staff_b[0]]))
    assert page.status_code == 200 and "王芳" not in page.content.decode()
    assert not SiteVisit.objects.exists()


def test_a_site_of_another_company_cannot_be_chosen(
    clock, page_client, site_b, visitor_a
):
    page = post_form_page(page_client, URL, form(site_b, [visitor_a]))
    assert page.status_code == 200
    assert not SiteVisit.objects.exists()


def test_the_chinese_page_words_the_error_in_chinese(
    clock, client_for, engineer_a, demo_request_forms, prework, site_a, visitor_a
):
    client = PageClient(client_for(engineer_a, HTTP_ACCEPT_LANGUAGE="zh-hans"))
    page = post_form_page(client, URL, form(site_a, [visitor_a], start_in=-1))
    assert "不能早于现在" in page.content.decode()
