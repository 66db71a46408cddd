"""Filing an upgrade on the form page an admin built (the demo's), for real."""

from datetime import timedelta

import pytest

from home.request_submissions import RequestSubmission
from tests.form_pages import post_form_page
from workflows.upgrade.models import SoftwareUpgrade

from .conftest import NOW, local, pdf

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_request_forms")]
PAGE = "/requests/software-upgrade/"


def filing(site, **extra):
    data = {
        "system": "核心网 MME",
        "sites": [site.pk],
        "current_version": "V1",
        "target_version": "V2",
        "reason": "厂家通告要求升级",
        "need_date": (NOW.date() + timedelta(days=14)).isoformat(),
        "proposed_start": local(NOW + timedelta(days=9)),
        "proposed_end": local(NOW + timedelta(days=9, hours=3)),
        "plan": pdf("方案.pdf"),
        "difference": pdf("差异.pdf"),
        "test_report": pdf("测试.pdf"),
        "u56deu9000u65b9u6848": "恢复备份镜像",  # 回退方案, as Wagtail names it
    }
    data.update(extra)
    return {k: v for k, v in data.items() if v is not None}


def test_the_page_offers_phone_pickers_and_the_own_sites(
    client_for, manager_a, site_a, site_b, clock
):
    html = client_for(manager_a).get(PAGE).content.decode()
    assert 'type="datetime-local"' in html and 'type="date"' in html
    assert site_a.name_en in html and site_b.name_en not in html
    assert 'name="test_report"' in html


def test_filing_on_the_page_starts_the_flow_with_the_documents(
    client_for, manager_a, site_a, clock
):
    answer = post_form_page(client_for(manager_a), PAGE, filing(site_a))
    assert answer.status_code == 302, answer.context["form"].errors
    upgrade = SoftwareUpgrade.objects.get()
    submission = RequestSubmission.objects.get()
    assert submission.process_id == upgrade.pk
    assert submission.attachments.count() == 3
    assert {a["value"] for a in upgrade.answers} >= {"恢复备份镜像"}


@pytest.mark.parametrize(
    "missing,field",
    [({"plan": None}, "plan"), ({"test_report": None}, "test_report")],
)
def test_a_missing_document_is_a_field_error_and_nothing_is_filed(
    client_for, manager_a, site_a, clock, missing, field, settings
):
    settings.LANGUAGE_CODE = "zh-hans"
    answer = post_form_page(
        client_for(manager_a),
        PAGE,
        filing(site_a, **missing),
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert answer.status_code == 200 and field in answer.context["form"].errors
    assert not SoftwareUpgrade.objects.exists()


def test_an_inverted_window_is_refused_in_chinese(client_for, manager_a, site_a, clock):
    data = filing(site_a, proposed_end=local(NOW + timedelta(days=8)))
    client = client_for(manager_a)
    client.cookies["django_language"] = "zh-hans"
    answer = post_form_page(client, PAGE, data)
    assert answer.status_code == 200
    assert "窗口的结束时间必须晚于开始时间" in answer.content.decode()
    assert not SoftwareUpgrade.objects.exists()


def test_a_disguised_file_is_refused(client_for, manager_a, site_a, clock):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile(
        "plan.pdf", b"<html>x</html>", content_type="application/pdf"
    )
    answer = post_form_page(client_for(manager_a), PAGE, filing(site_a, plan=fake))
    assert answer.status_code == 200 and "plan" in answer.context["form"].errors
