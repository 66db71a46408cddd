"""Attachments of request forms: checked before storing, private, downloaded only."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from viewflow.workflow.models import Process
from wagtail.contrib.forms.utils import get_field_clean_name
from wagtail.documents import get_document_model

from home.request_documents import attachment_url
from home.request_services import ATTACHMENTS_COLLECTION
from home.request_submissions import RequestSubmission
from tests.form_pages import form_token, post_form_page

pytestmark = pytest.mark.django_db

PLAN = get_field_clean_name("Work plan")
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64


def post_with_file(client, page, site, upload, language="zh-hans"):
    token = form_token(client, page.url)
    client.cookies["django_language"] = language
    data = {
        **token,
        "site": site.pk,
        "subject": "升级方案",
        get_field_clean_name("作业内容"): "见附件",
        get_field_clean_name("Urgency"): "Low",
        PLAN: upload,
    }
    return client.post(page.url, data)


def stored_files() -> set[str]:
    folder = Path(settings.MEDIA_ROOT) / "documents"
    return {p.name for p in folder.iterdir()} if folder.exists() else set()


@pytest.mark.parametrize(
    "name, content",
    [
        ("page.html", b"<html><script>alert(1)</script></html>"),
        ("setup.exe", b"MZ\x90\x00"),
        ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"></svg>'),
    ],
)
def test_rejects_types_outside_the_whitelist(
    client_for, manager_a, site_a, visit_page, nothing_written, name, content
):
    response = post_with_file(
        client_for(manager_a), visit_page, site_a, SimpleUploadedFile(name, content)
    )

    assert response.status_code == 200
    assert response.context["form"].errors[PLAN] == [
        f"“{name}”不能作为附件：只接受以下类型的文件："
        "pdf, docx, xlsx, pptx, txt, png, jpg。"
    ]
    nothing_written()


def test_rejection_message_in_english(client_for, manager_a, site_a, visit_page):
    upload = SimpleUploadedFile("page.html", b"<html></html>")

    response = post_with_file(client_for(manager_a), visit_page, site_a, upload, "en")

    assert response.context["form"].errors[PLAN] == [
        "“page.html” cannot be attached: only files of these types are accepted: "
        "pdf, docx, xlsx, pptx, txt, png, jpg."
    ]


@pytest.mark.parametrize(
    "name, content, message",
    [
        (
            "note.txt",
            b"  <!DOCTYPE html><p>hi</p>",
            "“note.txt”含有网页或 SVG 图像，不能作为附件。",
        ),
        (
            "photo.png",
            b"<svg onload=alert(1)>",
            "“photo.png”含有网页或 SVG 图像，不能作为附件。",
        ),
        (
            "plan.pdf",
            b"MZ\x90\x00",
            "“plan.pdf”的内容与扩展名不符，请另存为真正的 .pdf 文件。",
        ),
    ],
)
def test_rejects_content_that_does_not_match_its_extension(
    client_for, manager_a, site_a, visit_page, nothing_written, name, content, message
):
    upload = SimpleUploadedFile(name, content)

    response = post_with_file(client_for(manager_a), visit_page, site_a, upload)

    assert response.context["form"].errors[PLAN] == [message]
    nothing_written()


@override_settings(WAGTAILDOCS_MAX_UPLOAD_SIZE=1024)
def test_rejects_a_file_over_the_size_limit(
    client_for, manager_a, site_a, visit_page, nothing_written
):
    upload = SimpleUploadedFile("plan.pdf", PDF + b"0" * 2048)

    response = post_with_file(client_for(manager_a), visit_page, site_a, upload)

    assert response.context["form"].errors[PLAN] == [
        "“plan.pdf”太大（2.0\xa0KB）；附件最大为 1.0\xa0KB。"
    ]
    nothing_written()


def test_a_good_upload_becomes_a_private_document_of_the_request(
    client_for, manager_a, site_a, visit_page
):
    upload = SimpleUploadedFile("升级方案.pdf", PDF, content_type="application/pdf")

    client = client_for(manager_a)
    response = post_with_file(client, visit_page, site_a, upload)

    assert response.status_code == 302
    document = get_document_model().objects.get()
    landing = client.get(response["Location"]).content.decode()
    assert f'href="{attachment_url(document)}"' in landing
    assert document.collection.name == ATTACHMENTS_COLLECTION
    assert document.collection.get_view_restrictions().exists()
    assert document.uploaded_by_user == manager_a
    assert list(RequestSubmission.objects.get().attachments.all()) == [document]
    process = Process.objects.get()
    assert process.data["attachments"] == [document.pk]
    assert process.data["request"]["answers"][-1]["document"] == document.pk


def test_attachment_is_downloaded_never_shown_inline(
    client_for, manager_a, make_user, site_a, visit_page
):
    client = client_for(manager_a)
    post_with_file(client, visit_page, site_a, SimpleUploadedFile("方案.pdf", PDF))
    document = get_document_model().objects.get()

    for user in (manager_a, make_user("carrier_admin")):
        response = client_for(user).get(document.url, follow=True)
        assert response.redirect_chain == [(attachment_url(document), 302)]
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment;")
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Security-Policy"] == "default-src 'none'"
        assert b"".join(response.streaming_content) == PDF


def test_attachment_is_hidden_from_other_companies_and_anonymous_users(
    client, client_for, manager_a, manager_b, site_a, visit_page
):
    post_with_file(
        client_for(manager_a), visit_page, site_a, SimpleUploadedFile("a.png", PNG)
    )
    document = get_document_model().objects.get()

    assert client_for(manager_b).get(document.url, follow=True).status_code == 404
    assert client_for(manager_b).get(attachment_url(document)).status_code == 404
    anonymous = client.get(attachment_url(document))
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/accounts/login/")


def test_attachment_file_is_not_served_under_media_even_to_its_filer(
    client_for, manager_a, site_a, visit_page
):
    client = client_for(manager_a)
    post_with_file(client, visit_page, site_a, SimpleUploadedFile("方案.pdf", PDF))
    document = get_document_model().objects.get()
    name = Path(document.file.name).name

    assert document.file.url.startswith(settings.MEDIA_URL)
    for url in (
        document.file.url,
        f"{settings.MEDIA_URL}images/../documents/{name}",
        f"{settings.MEDIA_URL}images/%2e%2e/documents/{name}",
    ):
        assert client.get(url).status_code == 404, url


def test_files_stored_before_a_failing_start_are_removed(
    client_for, manager_a, site_a, make_form_page, nothing_written
):
    page = make_form_page("test_broken", fields=[("Work plan", "file", True, "")])
    before = stored_files()

    with pytest.raises(RuntimeError):
        post_form_page(
            client_for(manager_a),
            page.url,
            {"site": site_a.pk, "subject": "x", PLAN: SimpleUploadedFile("p.pdf", PDF)},
        )

    nothing_written()
    assert stored_files() == before


def test_a_filing_over_the_request_limit_is_refused_unread(
    settings, client_for, manager_a, site_a, visit_page, nothing_written
):
    settings.REQUEST_MAX_BODY_SIZE = 50_000
    upload = SimpleUploadedFile("plan.pdf", PDF + b"\0" * 100_000)
    before = stored_files()

    response = post_with_file(
        client_for(manager_a), visit_page, site_a, upload, language="en"
    )

    assert response.status_code == 413
    assert "The request is too large: at most 48.8" in response.content.decode()
    nothing_written()
    assert stored_files() == before


def test_a_renamed_stored_file_is_downloaded_under_the_name_it_was_given(
    client_for, manager_a, site_a, visit_page
):
    client = client_for(manager_a)
    for _ in range(2):  # the second 证书.pdf is stored under another name
        post_with_file(client, visit_page, site_a, SimpleUploadedFile("证书.pdf", PDF))
    document = get_document_model().objects.order_by("pk").last()
    assert document.filename != "证书.pdf" and document.title == "证书.pdf"

    response = client.get(attachment_url(document))

    assert response.status_code == 200
    assert "%E8%AF%81%E4%B9%A6.pdf" in response["Content-Disposition"]
    assert document.filename not in response["Content-Disposition"]
