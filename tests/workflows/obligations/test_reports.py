"""Reports through the real pages: filed on the admin-built form, received,
returned with a comment, refiled, accepted; late decided from the CMS rule."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from viewflow.workflow.models import Task

from workflows.obligations.models import ObligationReport

from ...form_pages import post_form_page
from ..conftest import PDF

pytestmark = pytest.mark.django_db


def open_task(report):
    return Task.objects.get(
        process_id=report.pk, status__in=("NEW", "ASSIGNED"), flow_task_type="HUMAN"
    )


def fields_of(page):
    names = {f.field_type: f.clean_name for f in page.get_form_fields()}
    return names["multiline"], names["file"]


def file_weekly(client, page, period="2026-11-30"):
    summary, annex = fields_of(page)
    upload = SimpleUploadedFile("周报.pdf", PDF, content_type="application/pdf")
    return post_form_page(
        client, page.url, {"period": period, summary: "本周巡检十二站", annex: upload}
    )


def act(client, report, data):
    task = open_task(report)
    return client.post(reverse("workflows:task", args=[report.pk, task.pk]), data)


def test_a_weekly_summary_filed_on_monday_is_in_time(
    at, report_forms, manager_a, client_for
):
    with at(2026, 12, 7, 23, 59, 0):
        response = file_weekly(client_for(manager_a), report_forms["weekly_summary"])
    assert response.status_code == 302
    report = ObligationReport.objects.get()
    assert (str(report.period_end), str(report.due_on)) == ("2026-12-06", "2026-12-07")
    assert report.late is False
    assert report.attachments.count() == 1
    assert report.answers[0]["value"] == "本周巡检十二站"
    routed = report.transitions.get(action="routed")
    assert routed.rules["offset"] == 1 and routed.rules["revision_id"]


def test_a_weekly_summary_filed_on_tuesday_is_late(
    at, report_forms, manager_a, client_for
):
    with at(2026, 12, 8, 0, 0, 1):
        file_weekly(client_for(manager_a), report_forms["weekly_summary"])
    report = ObligationReport.objects.get()
    assert report.late is True
    assert report.transitions.get(action="routed").notes[0]["key"] == (
        "obligations.late"
    )


def test_returned_refiled_and_accepted(
    at, report_forms, manager_a, carrier, client_for
):
    filer, reviewer = client_for(manager_a), client_for(carrier)
    with at(2026, 12, 7, 9, 0):
        file_weekly(filer, report_forms["weekly_summary"])
        report = ObligationReport.objects.get()
        refused = act(reviewer, report, {"decision": "returned", "comment": ""})
        assert refused.status_code == 200  # a return needs a comment
        returned = act(
            reviewer, report, {"decision": "returned", "comment": "缺少故障统计"}
        )
        assert returned.status_code == 302
        assert open_task(report).flow_task.name == "refile"
        assert open_task(report).owner == manager_a
        upload = SimpleUploadedFile(
            "周报-修订.pdf", PDF, content_type="application/pdf"
        )
        refiled = act(filer, report, {"comment": "已补充", "attachment": upload})
        assert refiled.status_code == 302
        assert open_task(report).flow_task.name == "review"
        accepted = act(reviewer, report, {"decision": "accepted", "comment": ""})
    assert accepted.status_code == 302
    report.refresh_from_db()
    assert (report.outcome, report.status) == ("approved", "DONE")
    assert report.attachments.count() == 2
    actions = list(report.transitions.values_list("action", flat=True))
    assert actions == [
        "submitted",
        "routed",
        "returned",
        "resubmitted",
        "approved",
    ]
    assert report.late is False  # kept from the first filing


def test_the_same_period_cannot_be_filed_twice(at, report_forms, manager_a, client_for):
    client = client_for(manager_a)
    with at(2026, 12, 7, 9, 0):
        file_weekly(client, report_forms["weekly_summary"])
        again = file_weekly(client, report_forms["weekly_summary"])
    assert again.status_code == 200
    assert "already filed" in again.content.decode()
    assert ObligationReport.objects.count() == 1


def test_a_period_not_ended_is_not_offered(at, report_forms, manager_a, client_for):
    with at(2026, 12, 7, 9, 0):
        response = file_weekly(
            client_for(manager_a), report_forms["weekly_summary"], period="2026-12-07"
        )
    assert response.status_code == 200
    assert not ObligationReport.objects.exists()


def test_another_company_gets_404_for_the_report_and_its_attachment(
    at, report_forms, manager_a, manager_b, client_for
):
    with at(2026, 12, 7, 9, 0):
        file_weekly(client_for(manager_a), report_forms["weekly_summary"])
    report = ObligationReport.objects.get()
    document = report.attachments.get()
    download = reverse("home:request_attachment", args=[document.pk, document.filename])
    page = reverse("workflows:request", args=[report.pk])
    other = client_for(manager_b)
    assert other.get(page).status_code == 404
    assert other.get(download).status_code == 404
    own = client_for(manager_a)
    assert own.get(page).status_code == 200
    assert own.get(download).status_code == 200
