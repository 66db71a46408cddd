"""Filing a staff change on its form page: a row per person, the leaving-people
picker, the preselected contract and the live cap, through the real views."""

from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from home.request_submissions import RequestSubmission
from tests.form_pages import post_form_page
from workflows.staff_change.models import StaffChange
from workflows.staff_change.people import ROWS_INVALID
from workflows.staff_change.selectors import cap_usage_for

from .rows import rows

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_request_forms")]

PAGE = "/requests/staff-change/"
CAP = reverse("workflows:staff_change_cap")
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(name="电工证.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def filing(contract, **fields):
    return {
        "contract": contract.pk,
        "kind": "add",
        "reason": "新增基站，扩充人员",
        "effective_date": "2025-06-01",
        **fields,
    }


def test_form_has_person_rows_a_picker_and_the_contract_preselected(
    client_for, manager_a, contract_a, roster_a
):
    html = unescape(client_for(manager_a).get(PAGE).content.decode())

    assert f'<option value="{contract_a.pk}" selected>' in html
    assert "---------" not in html
    assert 'name="people_in-TOTAL_FORMS" value="3"' in html
    assert 'name="people_in-0-id_number"' in html
    assert 'name="people_in-0-certificate" ' in html
    assert 'name="people_in-0-certificate_expiry"' in html
    assert "<textarea" in html  # the reason only
    assert 'name="people_in"' not in html
    assert "data-picker-filter" in html and "staff_change/form.js" in html
    assert html.count('class="picker-option"') == len(roster_a)
    assert "This request takes 0 of the contract's positions: 0 of 3 used" in html


def test_two_rows_file_two_joiners_with_certificate_and_expiry(
    client_for, manager_a, contract_a, roster_a
):
    people = rows(
        {
            "name": "孔令辉",
            "phone": "13905710001",
            "id_number": "330102199001011234",
            "qualifications": "低压电工作业证",
            "certificate": pdf(),
            "certificate_expiry": "2027-03-31",
        },
        {"name": "姚晓光", "phone": "13905710002"},
    )
    response = post_form_page(
        client_for(manager_a), PAGE, {**filing(contract_a), **people}
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    change = StaffChange.objects.get()
    assert change.positions == 2
    first, second = change.people.order_by("pk")
    assert (first.name, first.id_number) == ("孔令辉", "330102199001011234")
    assert str(first.certificate_expiry) == "2027-03-31"
    assert first.certificate.title == "电工证.pdf"
    assert (second.name, second.certificate) == ("姚晓光", None)
    assert list(change.attachments.all()) == [first.certificate]
    submission = RequestSubmission.objects.get()
    assert list(submission.attachments.all()) == [first.certificate]


def test_a_removed_row_is_not_filed(client_for, manager_a, contract_a, roster_a):
    people = rows({"name": "孔令辉"}, {"name": "撤回的人", "DELETE": "on"})
    post_form_page(client_for(manager_a), PAGE, {**filing(contract_a), **people})

    change = StaffChange.objects.get()
    assert list(change.people.values_list("name", flat=True)) == ["孔令辉"]


@pytest.mark.parametrize(
    ("language", "row_error", "upload_note"),
    [
        ("en", "This field is required.", "could not be kept"),
        ("zh-hans", "此项为必填项。", "无法保留"),
    ],
)
def test_a_bad_row_is_refused_in_both_languages_and_loses_nothing_typed(
    client_for, manager_a, contract_a, roster_a, language, row_error, upload_note
):
    client = client_for(manager_a)
    client.cookies["django_language"] = language
    people = rows(
        {"name": "孔令辉", "phone": "13905710001", "certificate_expiry": "2027-03-31"},
        {"phone": "13905710002", "certificate": pdf("无名.pdf")},
    )
    leaver = roster_a[0]
    data = {**filing(contract_a, kind="replace"), **people, "staff_out": [leaver.pk]}

    response = post_form_page(client, PAGE, data)

    html = unescape(response.content.decode())
    assert response.status_code == 200
    assert not StaffChange.objects.exists()
    assert row_error in html
    assert upload_note in html and "无名.pdf" in html
    assert 'value="孔令辉"' in html and 'value="13905710002"' in html
    assert 'value="2027-03-31"' in html and 'value="2025-06-01"' in html
    assert f'value="{leaver.pk}" checked' in html
    assert "新增基站，扩充人员" in html
    if language == "en":
        assert str(ROWS_INVALID) in html


def test_rows_are_checked_by_the_flows_own_rule(
    client_for, manager_a, contract_a, roster_a
):
    people = rows({"name": "孔令辉"})
    data = {**filing(contract_a, kind="remove"), **people}

    response = post_form_page(client_for(manager_a), PAGE, data)

    assert (
        "A removal names at least one person who leaves." in response.content.decode()
    )
    assert 'value="孔令辉"' in response.content.decode()


def test_cap_endpoint_answers_with_the_rule_the_flow_routes_by(
    client_for, manager_a, contract_a, contract_b, roster_a, submit
):
    submit(people_in=1)
    client = client_for(manager_a)

    answer = client.get(CAP, {"contract": contract_a.pk, "kind": "add", "ins": 2})

    check = cap_usage_for(contract=contract_a, kind="add", ins=2, outs=0)
    assert answer.json() == {
        "requested": 2,
        "used": 1,
        "allowed": 3,
        "left": 0,
        "within_cap": True,
        "text": check.live_note,
    }
    replace = client.get(
        CAP, {"contract": contract_a.pk, "kind": "replace", "ins": 3, "outs": 3}
    )
    assert replace.json()["requested"] == 3 and replace.json()["within_cap"] is False
    assert "above the cap" in replace.json()["text"]
    assert client.get(CAP, {"contract": contract_b.pk}).status_code == 404


def test_cap_endpoint_speaks_chinese(client_for, manager_a, contract_a):
    client = client_for(manager_a)
    client.cookies["django_language"] = "zh-hans"

    text = client.get(CAP, {"contract": contract_a.pk, "ins": 1}).json()["text"]

    assert "本申请占用" in text
