"""A request form page speaks the reader's language: what the admin wrote in
English for an English reader, the Chinese where no English was written."""

import pytest
from django.conf import settings
from viewflow.workflow.models import Process
from wagtail.contrib.forms.utils import get_field_clean_name

from home.models import RequestFormField
from tests.form_pages import post_form_page

pytestmark = pytest.mark.django_db
KIND = get_field_clean_name("请假类别")
NOTE = get_field_clean_name("备注")


@pytest.fixture
def leave_kind_page(make_form_page):
    page = make_form_page(kind="test_visit", slug="bilingual")
    page.title = "请假申请"
    page.title_en = "Leave"
    page.intro = "<p>请提前三天申请。</p>"
    page.intro_en = "<p>File three days ahead.</p>"
    page.save()
    RequestFormField.objects.create(
        page=page,
        label="请假类别",
        label_en="Kind of leave",
        field_type="dropdown",
        required=True,
        choices="年假\n病假",
        choices_en="Annual leave\nSick leave",
        help_text="本次请假属于哪一类。",
        help_text_en="The type of leave taken.",
    )
    RequestFormField.objects.create(
        page=page,
        label="备注",
        field_type="singleline",
        required=False,
        help_text="可不填。",
    )
    return page


def _get(client, url, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client.get(url).content.decode()


def test_english_reader_sees_the_english_title_intro_labels_help_and_choices(
    client_for, manager_a, leave_kind_page
):
    html = _get(client_for(manager_a), leave_kind_page.url, "en")
    for english in (
        "<h1>Leave</h1>",
        "File three days ahead.",
        "Kind of leave",
        "The type of leave taken.",
        '<option value="年假">Annual leave</option>',
        '<option value="病假">Sick leave</option>',
    ):
        assert english in html
    for chinese in ("请假申请", "请提前三天申请", "请假类别", "本次请假属于哪一类"):
        assert chinese not in html


def test_english_falls_back_to_chinese_where_none_was_written(
    client_for, manager_a, leave_kind_page
):
    html = _get(client_for(manager_a), leave_kind_page.url, "en")
    assert "备注" in html and "可不填。" in html


def test_chinese_reader_sees_the_chinese(client_for, manager_a, leave_kind_page):
    html = _get(client_for(manager_a), leave_kind_page.url, "zh-hans")
    for chinese in (
        "<h1>请假申请</h1>",
        "请提前三天申请",
        "请假类别",
        "本次请假属于哪一类",
    ):
        assert chinese in html
    assert '<option value="年假">年假</option>' in html
    assert "Kind of leave" not in html and "Annual leave" not in html


def test_choices_without_a_matching_english_list_stay_chinese(
    client_for, manager_a, leave_kind_page
):
    RequestFormField.objects.filter(label="请假类别").update(choices_en="Annual leave")
    html = _get(client_for(manager_a), leave_kind_page.url, "en")
    assert '<option value="年假">年假</option>' in html


def test_the_answer_is_stored_in_chinese_and_shown_in_english(
    client_for, manager_a, site_a, leave_kind_page
):
    client = client_for(manager_a)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = post_form_page(
        client,
        leave_kind_page.url,
        {"site": site_a.pk, "subject": "休假", KIND: "病假", "Urgency": "High"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    answer = Process.objects.get().data["request"]["answers"][0]
    assert answer == {
        "name": KIND,
        "label": "请假类别",
        "label_en": "Kind of leave",
        "kind": "dropdown",
        "value": "病假",
        "value_en": "Sick leave",
    }
    landing = client.get(response["Location"]).content.decode()
    assert "Kind of leave" in landing and "Sick leave" in landing
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    landing = client.get(response["Location"]).content.decode()
    assert "请假类别" in landing and "病假" in landing and "Sick leave" not in landing
