"""Filing a request through an admin-built form starts its flow, or writes nothing."""

from dataclasses import replace

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.test import Client
from viewflow.workflow.models import Process
from wagtail.contrib.forms.utils import get_field_clean_name
from wagtail.documents import get_document_model

from home.models import HomePage
from home.request_kinds import register, unregister
from home.request_selectors import (
    request_answers_context,
    submission_by_token,
    submission_for_process,
    submissions_for_user,
)
from home.request_submissions import RequestSubmission
from registry.models import Company, Contract
from registry.roles import Role
from tests.form_pages import post_form_page
from tests.home.request_flow import REFUSED, VISIT

pytestmark = pytest.mark.django_db

WORK = get_field_clean_name("作业内容")
DATE = get_field_clean_name("Planned date")
URGENCY = get_field_clean_name("Urgency")


def answers(site, **extra) -> dict:
    data = {
        "site": site.pk,
        "subject": "更换电池",
        WORK: "更换 2 组蓄电池",
        URGENCY: "High",
    }
    data.update(extra)
    return data


def test_form_renders_typed_fields_first_then_the_extra_fields(
    client_for, manager_a, visit_page
):
    response = client_for(manager_a).get(visit_page.url)

    assert response.status_code == 200
    names = list(response.context["form"].fields)
    assert names[:2] == ["site", "subject"]
    assert names[2:] == [WORK, DATE, URGENCY, get_field_clean_name("Work plan")]
    assert "Help for Urgency" in response.content.decode()


def test_submission_starts_the_flow_with_answers_under_their_labels(
    client_for, manager_a, site_a, visit_page
):
    response = post_form_page(
        client_for(manager_a), visit_page.url, answers(site_a, **{DATE: "2026-03-15"})
    )

    assert response.status_code == 302
    process = Process.objects.get()
    assert process.status == "DONE"
    assert process.data["subject"] == "更换电池"
    assert process.data["request"]["answers"] == [
        {
            "name": WORK,
            "label": "作业内容",
            "kind": "multiline",
            "value": "更换 2 组蓄电池",
        },
        {"name": DATE, "label": "Planned date", "kind": "date", "value": "2026-03-15"},
        {"name": URGENCY, "label": "Urgency", "kind": "dropdown", "value": "High"},
        {
            "name": get_field_clean_name("Work plan"),
            "label": "Work plan",
            "kind": "file",
            "value": "",
            "document": None,
        },
    ]
    submission = RequestSubmission.objects.get()
    assert submission.process == process
    assert submission_for_process(process) == submission
    assert response["Location"] == f"{visit_page.url}submitted/{submission.pk}/"


def test_landing_page_shows_the_reference_and_the_answers(
    client_for, manager_a, site_a, visit_page
):
    client = client_for(manager_a)
    response = post_form_page(client, visit_page.url, answers(site_a), follow=True)

    submission = RequestSubmission.objects.get()
    html = response.content.decode()
    assert submission.reference.startswith("R") and submission.reference in html
    assert "作业内容" in html and "更换 2 组蓄电池" in html


def test_the_flows_own_reference_is_the_one_shown(
    client_for, manager_a, site_a, make_form_page
):
    page = make_form_page("test_numbered")

    response = post_form_page(
        client_for(manager_a), page.url, answers(site_a), follow=True
    )

    assert RequestSubmission.objects.get().reference == "SC-20260315-001"
    assert "SC-20260315-001" in response.content.decode()


def test_typed_fields_may_be_any_form_that_takes_the_user(
    client_for, manager_a, site_a, site_b, make_form_page
):
    page = make_form_page("test_plain", fields=[("Note", "singleline", True, "")])
    client = client_for(manager_a)

    assert list(client.get(page.url).context["form"].fields) == [
        "site",
        "subject",
        "note",
    ]
    refused = post_form_page(
        client, page.url, {"site": site_b.pk, "subject": "x", "note": "y"}
    )
    assert list(refused.context["form"].errors) == ["site"]
    post_form_page(client, page.url, {"site": site_a.pk, "subject": "x", "note": "y"})
    assert Process.objects.get().data["request"]["answers"][0]["value"] == "y"


def test_answers_keep_the_label_they_had_when_filed(
    client_for, manager_a, site_a, visit_page
):
    post_form_page(client_for(manager_a), visit_page.url, answers(site_a))
    field = visit_page.form_fields.get(clean_name=WORK)
    field.label = "工作内容（新）"
    field.save()

    context = request_answers_context(RequestSubmission.objects.get())

    assert context["answers"][0]["label"] == "作业内容"


def test_missing_required_extra_field_rerenders_and_writes_nothing(
    client_for, manager_a, site_a, visit_page, nothing_written
):
    response = post_form_page(
        client_for(manager_a), visit_page.url, answers(site_a, **{WORK: ""})
    )

    assert response.status_code == 200
    form = response.context["form"]
    assert list(form.errors) == [WORK]
    assert form["subject"].value() == "更换电池"
    assert 'value="更换电池"' in response.content.decode()
    nothing_written()


def test_a_start_that_raises_writes_nothing(
    client_for, manager_a, site_a, make_form_page, nothing_written
):
    page = make_form_page("test_broken")

    with pytest.raises(RuntimeError):
        post_form_page(client_for(manager_a), page.url, answers(site_a))

    nothing_written()


def test_a_start_that_refuses_rerenders_with_its_message_and_writes_nothing(
    client_for, manager_a, site_a, make_form_page, nothing_written
):
    page = make_form_page("test_refusing")

    response = post_form_page(client_for(manager_a), page.url, answers(site_a))

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [REFUSED]
    assert REFUSED in response.content.decode()
    nothing_written()


def test_anonymous_users_are_sent_to_log_in(client, visit_page, site_a):
    for response in (client.get(visit_page.url), client.post(visit_page.url, {})):
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/?next=")
    assert not Process.objects.exists()


def test_post_without_csrf_token_is_refused(manager_a, site_a, visit_page):
    client = Client(enforce_csrf_checks=True)
    client.force_login(manager_a)

    response = post_form_page(client, visit_page.url, answers(site_a))

    assert response.status_code == 403
    assert not Process.objects.exists()


def test_contractor_files_only_for_their_own_company(
    client_for, manager_a, company_a, site_a, site_b, visit_page
):
    client = client_for(manager_a)

    refused = post_form_page(
        client, visit_page.url, answers(site_b, company=site_b.maintained_by_id)
    )
    assert list(refused.context["form"].errors) == ["site"]
    assert not Process.objects.exists()

    post_form_page(
        client, visit_page.url, answers(site_a, company=site_b.maintained_by_id)
    )
    process = Process.objects.get()
    assert process.data["company"] == company_a.pk
    assert RequestSubmission.objects.get().company == company_a


def test_landing_page_is_not_shown_to_another_company(
    client_for, manager_a, manager_b, site_a, visit_page
):
    post_form_page(client_for(manager_a), visit_page.url, answers(site_a))
    landing = f"{visit_page.url}submitted/{RequestSubmission.objects.get().pk}/"

    assert client_for(manager_b).get(landing).status_code == 404
    assert client_for(manager_a).get(landing).status_code == 200


def test_form_of_a_kind_no_longer_registered_is_not_served(
    client_for, manager_a, requests_index, visit_page
):
    unregister(visit_page.kind)

    assert client_for(manager_a).get(visit_page.url).status_code == 404
    assert client_for(manager_a).get(requests_index.url).context["request_pages"] == []


def test_a_kind_with_a_permission_is_closed_to_users_without_it(
    client_for, manager_a, requests_index, make_form_page
):
    register(replace(VISIT, key="test_guarded", permission="registry.add_company"))
    page = make_form_page("test_guarded")
    client = client_for(manager_a)

    try:
        assert client.get(page.url).status_code == 403
        assert post_form_page(client, page.url, {}).status_code == 403
        assert client.get(requests_index.url).context["request_pages"] == []
    finally:
        unregister("test_guarded")


def test_index_lists_the_forms_of_registered_kinds(
    client_for, manager_a, requests_index, visit_page
):
    response = client_for(manager_a).get(requests_index.url)

    assert response.status_code == 200
    assert [page.pk for page in response.context["request_pages"]] == [visit_page.pk]
    assert f'href="{visit_page.url}"' in response.content.decode()


# The reads behind the forms (home/request_selectors.py), on stored submissions.


@pytest.fixture
def file_request():
    """``file_request(user, company, ...)``: a stored submission."""

    def make(user, company, *, process=(Company, 1), token="", answers=()):
        model, process_id = process
        return RequestSubmission.objects.create(
            form_data={},
            page=HomePage.objects.get(),
            user=user,
            company=company,
            kind="leave",
            process_type=ContentType.objects.get_for_model(model),
            process_id=process_id,
            form_token=token,
            answers=list(answers),
        )

    return make


def test_each_user_sees_their_companys_requests_and_their_own(
    make_user, company_a, company_b, manager_a, engineer_a, carrier_admin, file_request
):
    engineer_b = make_user(Role.CONTRACTOR_ENGINEER, company_b)
    outsider = make_user()  # neither carrier nor of a company
    colleagues = file_request(engineer_a, company_a)
    managers_own = file_request(manager_a, None)
    other_company = file_request(engineer_b, company_b)
    outsiders_own = file_request(outsider, None)

    def visible(user) -> set[int]:
        return set(submissions_for_user(user).values_list("pk", flat=True))

    assert visible(manager_a) == {colleagues.pk, managers_own.pk}
    assert visible(engineer_b) == {other_company.pk}
    assert visible(outsider) == {outsiders_own.pk}
    assert visible(AnonymousUser()) == set()
    everything = {colleagues.pk, managers_own.pk, other_company.pk, outsiders_own.pk}
    assert visible(carrier_admin) == everything


def test_the_listing_carries_company_and_filer_in_one_query(
    company_a, engineer_a, carrier_admin, file_request, django_assert_num_queries
):
    for _ in range(3):
        file_request(engineer_a, company_a)
    carrier_admin.groups.all()  # roles are read before the listing
    rows = submissions_for_user(carrier_admin)
    with django_assert_num_queries(1):
        assert [(row.company.code, row.user.username) for row in rows] == [
            (company_a.code, engineer_a.username)
        ] * 3


def test_the_submission_of_a_process_is_matched_by_type_and_id(
    company_a, engineer_a, file_request, django_assert_num_queries
):
    # Filed later (listed first): another type with the same id, this type
    # with another id.
    of_company = file_request(engineer_a, company_a, process=(Company, company_a.pk))
    file_request(engineer_a, company_a, process=(Contract, company_a.pk))
    file_request(engineer_a, company_a, process=(Company, company_a.pk + 1))

    found = submission_for_process(company_a)

    assert found == of_company
    with django_assert_num_queries(0):  # attachments come prefetched
        assert list(found.attachments.all()) == []


def test_answers_context_lists_answers_and_documents(
    company_a, engineer_a, file_request
):
    assert request_answers_context(None) == {"answers": [], "documents": []}
    answers = [{"label": "原因", "value": "家中有事"}]
    submission = file_request(engineer_a, company_a, answers=answers)
    document = get_document_model().objects.create(
        title="证明", file=ContentFile(b"%PDF-1.4", name="proof.pdf")
    )
    submission.attachments.add(document)

    context = request_answers_context(submission)

    assert context == {"answers": answers, "documents": [document]}


def test_a_token_finds_only_what_this_user_filed_with_it(
    company_a, manager_a, engineer_a, file_request
):
    mine = file_request(engineer_a, company_a, token="t-1")
    file_request(manager_a, company_a, token="t-2")

    assert submission_by_token(user=engineer_a, token="t-1") == mine
    assert submission_by_token(user=engineer_a, token="t-2") is None
    assert submission_by_token(user=manager_a, token="t-1") is None
    assert submission_by_token(user=engineer_a, token="") is None
    assert submission_by_token(user=engineer_a, token=None) is None
