"""Admins add extra fields to a request form in the Wagtail page editor, no code."""

import pytest
from django.urls import reverse
from django.utils.translation import override
from viewflow.workflow.models import Process
from wagtail.contrib.forms.utils import get_field_clean_name
from wagtail.test.utils.form_data import querydict_from_html

from home.request_forms import TYPED_NAME_TAKEN
from registry.roles import Role
from tests.form_pages import post_form_page

pytestmark = pytest.mark.django_db


def edit_form_data(client, page):
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    return querydict_from_html(response.content.decode(), form_id="page-edit-form")


def add_extra_field(data, label, field_type="singleline", required=True, help_text=""):
    index = int(data["form_fields-TOTAL_FORMS"])
    data["form_fields-TOTAL_FORMS"] = str(index + 1)
    prefix = f"form_fields-{index}-"
    data.update(
        {
            prefix + "id": "",
            prefix + "ORDER": str(index + 1),
            prefix + "DELETE": "",
            prefix + "label": label,
            prefix + "field_type": field_type,
            prefix + "help_text": help_text,
            prefix + "choices": "",
            prefix + "default_value": "",
        }
    )
    if required:
        data[prefix + "required"] = "on"
    return data


@pytest.fixture
def admin(client_for, make_user):
    return client_for(make_user(Role.CARRIER_ADMIN))


def publish_page(admin, page, data):
    data["action-publish"] = "action-publish"
    return admin.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)


def test_extra_field_added_in_the_editor_is_asked_and_reaches_the_process(
    admin, client_for, manager_a, site_a, visit_page
):
    data = add_extra_field(
        edit_form_data(admin, visit_page),
        "陪同人员",
        help_text="Who escorts the visitors on site.",
    )

    response = publish_page(admin, visit_page, data)

    assert response.status_code == 302
    name = get_field_clean_name("陪同人员")
    contractor = client_for(manager_a)
    form = contractor.get(visit_page.url).context["form"]
    assert form.fields[name].required
    assert form.fields[name].help_text == "Who escorts the visitors on site."
    post_form_page(
        contractor,
        visit_page.url,
        {
            "site": site_a.pk,
            "subject": "机房巡检",
            get_field_clean_name("作业内容"): "巡检",
            get_field_clean_name("Urgency"): "Low",
            name: "张伟",
        },
    )
    answers = Process.objects.get().data["request"]["answers"]
    assert {
        "name": name,
        "label": "陪同人员",
        "kind": "singleline",
        "value": "张伟",
    } in answers


def test_editor_offers_the_file_upload_type(admin, visit_page):
    response = admin.get(reverse("wagtailadmin_pages:edit", args=[visit_page.pk]))

    assert 'value="file"' in response.content.decode()


def test_an_extra_field_cannot_take_the_name_of_a_typed_field(admin, visit_page):
    data = add_extra_field(edit_form_data(admin, visit_page), "Subject")

    response = publish_page(admin, visit_page, data)

    assert response.status_code == 200
    with override("zh-hans"):
        message = str(TYPED_NAME_TAKEN) % {"label": "Subject", "name": "subject"}
    assert message.startswith("“Subject”将保存为“subject”")
    assert message in response.content.decode()
    assert not visit_page.form_fields.filter(clean_name="subject").exists()


def test_editor_lists_the_typed_fields_it_cannot_change(admin, visit_page):
    html = admin.get(reverse("wagtailadmin_pages:edit", args=[visit_page.pk]))

    assert "<li>Site <code>site</code></li>" in html.content.decode()
    assert "<li>Subject <code>subject</code></li>" in html.content.decode()


def test_editor_offers_only_registered_kinds(admin, visit_page):
    html = admin.get(reverse("wagtailadmin_pages:edit", args=[visit_page.pk])).content

    assert b'value="test_visit"' in html
    assert b'value="staff_change"' in html  # registered by its flow app
    assert b'value="site_access"' in html
    assert b'value="inspection_plan"' in html  # registered by workflows.inspection
    assert b'value="inspection"' not in html


def test_submissions_are_listed_in_the_wagtail_forms_admin_for_superusers(
    client_for, make_user, manager_a, site_a, visit_page
):
    """Superusers only: request data is the portal's (test_request_data_in_admin)."""
    post_form_page(
        client_for(manager_a),
        visit_page.url,
        {
            "site": site_a.pk,
            "subject": "x",
            get_field_clean_name("作业内容"): "更换电池",
            get_field_clean_name("Urgency"): "High",
        },
    )

    root = client_for(make_user(is_superuser=True, username="root"))
    response = root.get(reverse("wagtailforms:list_submissions", args=[visit_page.pk]))

    assert response.status_code == 200
    html = response.content.decode()
    assert "更换电池" in html and "manager_a" in html


@pytest.mark.parametrize("mode", ["form", "landing"])
def test_the_editor_previews_the_form_and_its_landing_page(
    rf, make_user, visit_page, mode
):
    request = rf.get("/")
    request.user = make_user(Role.CARRIER_ADMIN)

    response = visit_page.serve_preview(request, mode)

    assert response.render().status_code == 200
    if mode == "form":
        assert "subject" in response.context_data["form"].fields
