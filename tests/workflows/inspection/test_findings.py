"""Findings: follow-up, the list per role with filters and a bounded query count;
the plan's progress per company and month."""

import datetime

import pytest
from django.urls import reverse

from workflows.inspection import findings as follow
from workflows.inspection.execution import answer_save, execution_submit
from workflows.inspection.models import Finding

pytestmark = pytest.mark.django_db
FINDINGS = reverse("workflows:inspection:findings")


def reading_finding(row, user, key="earth", value="7"):
    return answer_save(row=row, user=user, key=key, raw=value)[1]


def test_rectified_on_the_spot_needs_a_note_and_a_photo_and_closes(
    row, engineer_a, manager_b, client_for
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from .test_execution import PNG

    finding = reading_finding(row, engineer_a)
    url = reverse("workflows:inspection:follow_up", args=[finding.pk])
    client = client_for(engineer_a)
    client.post(url, {"follow_up": "rectified", "note": ""})
    finding.refresh_from_db()
    assert finding.is_open and not finding.follow_up
    client.post(url, {"follow_up": "rectified", "note": "重新压接地线"})
    finding.refresh_from_db()
    assert finding.is_open and not finding.follow_up  # no photo
    fake = SimpleUploadedFile("p.png", b"<html>x</html>", content_type="image/png")
    client.post(url, {"follow_up": "rectified", "note": "重新压接地线", "photo": fake})
    finding.refresh_from_db()
    assert finding.is_open  # not a real image
    photo = SimpleUploadedFile("p.png", PNG, content_type="image/png")
    client.post(url, {"follow_up": "rectified", "note": "重新压接地线", "photo": photo})
    finding.refresh_from_db()
    assert not finding.is_open and finding.note == "重新压接地线" and finding.photo
    photo_url = reverse("workflows:inspection:finding_photo", args=[finding.pk])
    assert client.get(photo_url).status_code == 200
    assert client_for(manager_b).get(photo_url).status_code == 404


def test_scheduled_needs_a_date_not_in_the_past(row, engineer_a):
    finding = reading_finding(row, engineer_a)
    for day in (None, datetime.date(2026, 3, 1)):
        with pytest.raises(follow.ValidationError):
            follow.finding_follow_up(
                finding=finding, user=engineer_a, follow_up="scheduled", due_date=day
            )
    follow.finding_follow_up(
        finding=finding,
        user=engineer_a,
        follow_up="scheduled",
        due_date=datetime.date(2026, 3, 20),
    )
    finding.refresh_from_db()
    assert finding.is_open and finding.due_date == datetime.date(2026, 3, 20)


def test_carrier_sees_open_findings_other_company_none(
    row, engineer_a, carrier, manager_b, client_for
):
    finding = reading_finding(row, engineer_a)
    body = client_for(carrier).get(FINDINGS, {"open_only": "on"}).content.decode()
    assert f'data-finding="{finding.pk}"' in body
    body = client_for(manager_b).get(FINDINGS).content.decode()
    assert "data-finding=" not in body
    url = reverse("workflows:inspection:follow_up", args=[finding.pk])
    answer = client_for(manager_b).post(url, {"follow_up": "rectified"})
    assert answer.status_code == 404


def test_carrier_cannot_follow_up(row, engineer_a, carrier):
    finding = reading_finding(row, engineer_a)
    with pytest.raises(follow.PermissionDenied):
        follow.finding_follow_up(
            finding=finding, user=carrier, follow_up="rectified", note="x"
        )


def test_filters_by_source(row, engineer_a, carrier, client_for):
    reading_finding(row, engineer_a)
    body = client_for(carrier).get(FINDINGS, {"source": "manual"}).content.decode()
    assert "data-finding=" not in body


def test_findings_list_query_count_does_not_grow(
    row, engineer_a, carrier, client_for, django_assert_max_num_queries
):
    client = client_for(carrier)
    reading_finding(row, engineer_a)
    client.get(FINDINGS)
    with django_assert_max_num_queries(17) as few:
        client.get(FINDINGS)
    execution = row.execution
    Finding.objects.bulk_create(
        Finding(
            execution=execution,
            company_id=execution.company_id,
            site_id=row.site_id,
            source="manual",
            description=f"缺陷{i}",
            created_by=engineer_a,
        )
        for i in range(20)
    )
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(FINDINGS)


def test_progress_counts_planned_done_and_missed(
    approved_plan, engineer_a, carrier, client_for, django_assert_max_num_queries
):
    march = approved_plan.rows.get(month=3)
    for key, value in (("earth", "1"), ("volts", "380"), ("lights_ok", "yes")):
        answer_save(row=march, user=engineer_a, key=key, raw=value)
    answer_save(row=march, user=engineer_a, key="cabinet", raw="A1")
    execution_submit(row=march, user=engineer_a)
    client = client_for(carrier)
    url = reverse("workflows:inspection:progress")
    client.get(url)
    with django_assert_max_num_queries(16):
        body = client.get(url).content.decode()
    assert body.count("data-missed=") == 2  # January and February
    assert 'data-month="3"' in body


def test_due_list_query_count(
    row, engineer_a, client_for, django_assert_max_num_queries
):
    client = client_for(engineer_a)
    url = reverse("workflows:inspection:due")
    client.get(url)
    with django_assert_max_num_queries(16):
        assert client.get(url).status_code == 200
