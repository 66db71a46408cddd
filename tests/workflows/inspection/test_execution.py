"""Inspecting on a phone: one POST per item, findings, submit, isolation, rights."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from workflows.inspection import rules
from workflows.inspection.models import Answer, Execution, Finding

pytestmark = pytest.mark.django_db
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64


def url(name, *args):
    return reverse(f"workflows:inspection:{name}", args=args)


def save(client, row, key, value="", **extra):
    return client.post(url("item", row.pk, key), {"value": value, **extra})


def test_due_list_shows_this_month_and_missed(row, engineer_a, client_for):
    response = client_for(engineer_a).get(url("due"))
    body = response.content.decode()
    assert response.status_code == 200
    assert f'data-row="{row.pk}"' in body
    assert body.count("data-missed") == 2  # January and February


def test_each_item_saves_on_its_own_and_a_failed_submit_keeps_them(
    row, engineer_a, client_for
):
    client = client_for(engineer_a)
    assert save(client, row, "earth", "3.2").status_code == 302
    assert save(client, row, "lights_ok", "yes").status_code == 302
    response = client.post(url("submit", row.pk), follow=True)
    body = response.content.decode()
    assert "Answer every required item first" in body
    assert "Mains voltage" in body and "Cabinet" in body
    execution = Execution.objects.get(row=row)
    assert execution.submitted_at is None
    assert set(execution.answers.values_list("item_key", flat=True)) == {
        "earth",
        "lights_ok",
    }
    assert execution.template_revision_id == row.template.live_revision_id
    save(client, row, "volts", "380")
    save(client, row, "cabinet", "B-12")
    response = client.post(url("submit", row.pk))
    assert response.status_code == 302
    execution.refresh_from_db()
    assert execution.submitted_at is not None
    # Submitted: no more changes.
    save(client, row, "earth", "9")
    assert Answer.objects.get(execution=execution, item_key="earth").number == Decimal(
        "3.2"
    )


def test_reading_at_the_maximum_opens_a_finding_and_a_correction_withdraws_it(
    row, engineer_a, client_for
):
    client = client_for(engineer_a)
    save(client, row, "earth", "5")
    finding = Finding.objects.get(source="reading", item_key="earth")
    assert finding.company_id == row.plan.company_id
    assert finding.description_en == (
        "Earth resistance: 5 Ω, outside its limit (below 5 Ω)."
    )
    assert finding.description == "接地电阻：5 Ω，超出限值（小于 5 Ω）。"
    save(client, row, "earth", "4.999")
    assert not Finding.objects.exists()
    save(client, row, "volts", "341.9")
    finding = Finding.objects.get()
    assert finding.item_key == "volts"
    assert finding.description_en == (
        "Mains voltage: 341.9, outside its limit (at least 342 and below 418)."
    )


def test_json_save_answers_with_the_finding(row, engineer_a, client_for):
    client = client_for(engineer_a)
    response = client.post(
        url("item", row.pk, "volts"), {"value": "500"}, HTTP_ACCEPT="application/json"
    )
    assert response.json()["ok"] is True
    assert "500" in response.json()["finding"]
    response = client.post(
        url("item", row.pk, "volts"), {"value": "x"}, HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 422
    assert response.json()["error"] == str(rules.NOT_A_NUMBER)


def test_bad_value_writes_nothing(row, engineer_a, client_for):
    response = save(client_for(engineer_a), row, "volts", "abc")
    assert response.status_code == 302
    assert not Answer.objects.exists()


def test_photo_upload_is_checked(row, engineer_a, client_for):
    client = client_for(engineer_a)
    fake = SimpleUploadedFile("p.png", b"<html>x</html>", content_type="image/png")
    client.post(url("item", row.pk, "photo"), {"photo": fake})
    assert not Answer.objects.filter(item_key="photo").exists()
    pdf = SimpleUploadedFile("p.pdf", b"%PDF-1.4", content_type="application/pdf")
    client.post(url("item", row.pk, "photo"), {"photo": pdf})
    assert not Answer.objects.filter(item_key="photo").exists()
    good = SimpleUploadedFile("p.png", PNG, content_type="image/png")
    client.post(url("item", row.pk, "photo"), {"photo": good})
    assert Answer.objects.get(item_key="photo").photo
    assert client.get(url("photo", row.pk, "photo")).status_code == 200


def test_manual_finding(row, engineer_a, client_for):
    client = client_for(engineer_a)
    client.post(url("finding_add", row.pk), {"description": "  "})
    assert not Finding.objects.exists()
    client.post(url("finding_add", row.pk), {"description": "机房门锁损坏"})
    assert Finding.objects.get().source == "manual"


def test_other_company_gets_404(row, make_user, company_b, client_for):
    from registry.roles import Role

    engineer_b = make_user(Role.CONTRACTOR_ENGINEER, company_b)
    client = client_for(engineer_b)
    assert client.get(url("execute", row.pk)).status_code == 404
    assert save(client, row, "earth", "1").status_code == 404
    assert client.post(url("submit", row.pk)).status_code == 404
    assert not Answer.objects.exists()


def test_carrier_may_look_but_not_fill_in(row, carrier, client_for):
    client = client_for(carrier)
    page = client.get(url("execute", row.pk))
    assert page.status_code == 200
    assert ">Save</button>" not in page.content.decode()
    assert save(client, row, "earth", "1").status_code == 403
    assert not Answer.objects.exists()


def test_trainee_cannot_fill_in(row, trainee_a, client_for):
    assert save(client_for(trainee_a), row, "earth", "1").status_code == 403


def test_pages_in_chinese(row, engineer_a, client_for):
    client = client_for(engineer_a, HTTP_ACCEPT_LANGUAGE="zh-hans")
    save(client, row, "earth", "6")
    body = client.get(url("execute", row.pk)).content.decode()
    assert "提交巡检" in body and "接地电阻：6 Ω，超出限值（小于 5 Ω）。" in body
    assert "待巡检" in client.get(url("due")).content.decode()
    assert (
        "巡检问题"
        in client.get(reverse("workflows:inspection:findings")).content.decode()
    )


def test_photo_is_stamped_with_its_place_and_the_original_kept(
    row, engineer_a, client_for
):
    import io

    from PIL import Image

    site = row.site
    site.latitude, site.longitude = Decimal("30.208412"), Decimal("120.211935")
    site.save()
    out = io.BytesIO()
    Image.new("RGB", (400, 300), (200, 200, 200)).save(out, "JPEG")
    taken = SimpleUploadedFile("p.jpg", out.getvalue(), content_type="image/jpeg")
    client = client_for(engineer_a)
    client.post(
        url("item", row.pk, "photo"),
        {"photo": taken, "latitude": "30.2085", "longitude": "120.2120"},
    )
    answer = Answer.objects.get(item_key="photo")
    assert answer.presence.flag == "within" and answer.presence.purpose == "inspection"
    assert answer.photo_original.read() == out.getvalue()
    shown = client.get(url("photo", row.pk, "photo"))
    assert b"".join(shown.streaming_content) != out.getvalue()
    original = client.get(url("photo", row.pk, "photo") + "?original")
    assert b"".join(original.streaming_content) == out.getvalue()
