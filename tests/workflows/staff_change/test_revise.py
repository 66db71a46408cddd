"""Revising a returned staff change: every field as filed, attachments added."""

import re
from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from viewflow.workflow.models import Task

from home.request_submissions import RequestSubmission
from tests.form_pages import post_form_page
from workflows.staff_change.models import StaffChange

from .rows import rows

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_request_forms")]

PAGE = "/requests/staff-change/"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(name):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


@pytest.fixture
def returned(client_for, manager_a, contract_a, roster_a, reviewer):
    """A change filed on the form page with one certificate, returned for more."""
    person = {
        "name": "孔令辉",
        "phone": "13905710001",
        "id_number": "330102199001011234",
        "qualifications": "低压电工作业证",
        "certificate": pdf("电工证.pdf"),
        "certificate_expiry": "2027-03-31",
    }
    data = {
        "contract": contract_a.pk,
        "kind": "add",
        "reason": "新增基站",
        "effective_date": "2025-06-01",
        **rows(person),
    }
    assert post_form_page(client_for(manager_a), PAGE, data).status_code == 302
    change = StaffChange.objects.get()
    task = Task.objects.get(process_id=change.pk, status__in=["NEW", "ASSIGNED"])
    url = reverse("workflows:task", args=[change.pk, task.pk])
    answer = client_for(reviewer).post(
        url, {"decision": "returned", "comment": "请补充登高作业证"}
    )
    assert answer.status_code == 302
    task = Task.objects.get(process_id=change.pk, status__in=["NEW", "ASSIGNED"])
    return change, reverse("workflows:task", args=[change.pk, task.pk])


def test_revise_page_shows_every_field_as_filed_and_an_upload(
    returned, client_for, manager_a
):
    change, url = returned

    html = unescape(client_for(manager_a).get(url).content.decode())

    assert re.search(r'type="date" name="effective_date" value="2025-06-01"', html)
    assert 'value="孔令辉"' in html and 'value="330102199001011234"' in html
    assert 'value="2027-03-31"' in html and 'value="低压电工作业证"' in html
    assert "On file: 电工证.pdf" in html
    assert 'enctype="multipart/form-data"' in html
    assert 'name="new_attachments"' in html and "multiple" in html
    assert "新增基站" in html


def test_resubmitting_keeps_the_date_and_certificate_and_adds_attachments(
    returned, client_for, manager_a
):
    change, url = returned
    first = change.people.get()
    data = {
        "contract": change.contract_id,
        "kind": "add",
        "reason": "已补充证书",
        "effective_date": "2025-06-01",
        "new_attachments": [pdf("登高证.pdf"), pdf("体检报告.pdf")],
        **rows(
            {
                "name": "孔令辉",
                "phone": "13905710001",
                "kept_certificate": first.certificate_id,
                "kept_certificate_name": "电工证.pdf",
            },
            initial=1,
        ),
    }

    response = client_for(manager_a).post(url, data)

    assert response.status_code == 302, unescape(response.content.decode())[-3000:]
    change.refresh_from_db()
    assert str(change.effective_date) == "2025-06-01"
    assert change.reason == "已补充证书"
    assert change.people.get().certificate_id == first.certificate_id
    titles = set(change.attachments.values_list("title", flat=True))
    assert titles == {"电工证.pdf", "登高证.pdf", "体检报告.pdf"}
    submission = RequestSubmission.objects.get()
    assert set(submission.attachments.values_list("title", flat=True)) == titles
    assert change.transitions.filter(action="resubmitted").exists()


def test_a_certificate_of_another_request_is_not_taken_over(
    returned, client_for, manager_a, submit
):
    change, url = returned
    other = RequestSubmission.objects.get().attachments.get()
    other.pk = None
    other.save()  # a document of nobody's request
    data = {
        "contract": change.contract_id,
        "kind": "add",
        "reason": "已补充证书",
        "effective_date": "2025-06-01",
        **rows({"name": "孔令辉", "kept_certificate": other.pk}, initial=1),
    }

    assert client_for(manager_a).post(url, data).status_code == 302
    assert change.people.get().certificate_id is None
