"""The monthly assessment through its real pages: draft, object, decide, finalise."""

from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse
from viewflow.workflow.models import Task

from workflows.assessment.models import Assessment
from workflows.assessment.services import month_draft
from workflows.models import Transition

from .conftest import NOVEMBER, at, pdf

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clock")]


def open_task(assessment, name):
    return Task.objects.get(
        process_id=assessment.pk,
        flow_task_type="HUMAN",
        status__in=("NEW", "ASSIGNED", "STARTED"),
        flow_task__endswith=f".{name}",
    )


def page(assessment):
    return reverse("workflows:assessment:page", args=[assessment.pk])


def object_to(client, line, reason="投诉已撤回", evidence=True):
    url = reverse("workflows:assessment:object", args=[line.assessment_id, line.pk])
    data = {f"line{line.pk}-reason": reason}
    if evidence:
        data[f"line{line.pk}-evidence"] = pdf()
    return client.post(url, data)


def decide(client, line, decision, comment=""):
    url = reverse("workflows:assessment:decide", args=[line.assessment_id, line.pk])
    data = {f"line{line.pk}-decision": decision, f"line{line.pk}-comment": comment}
    return client.post(url, data)


def send(client, assessment):
    task = open_task(assessment, "objections")
    url = reverse("workflows:task", args=[assessment.pk, task.pk])
    return client.post(url, {"confirm": "on"})


def finalise(client, assessment):
    task = open_task(assessment, "decide")
    url = reverse("workflows:task", args=[assessment.pk, task.pk])
    return client.post(url, {"confirm": "on"})


@pytest.fixture
def november_a(company_a, add_event, draft):
    add_event("written_complaint", at(2026, 11, 3, 9), company_a, count=2)
    add_event("unauthorised_interruption", at(2026, 11, 20, 23), company_a)
    add_event("written_complaint", at(2026, 12, 1, 9), company_a)  # December
    return draft(company_a)


def test_drafting_collects_the_month_events_and_scores_them(november_a):
    assert november_a.state == Assessment.State.DRAFT
    assert sorted(november_a.lines.values_list("event", flat=True)) == [
        "unauthorised_interruption",
        "written_complaint",
        "written_complaint",
    ]
    assert (november_a.score, november_a.grade) == (Decimal("86.00"), "good")
    assert november_a.window_closes_at == at(2026, 12, 9, 10)
    assert november_a.transitions.get().notes[0]["key"] == "assessment.drafted"


def test_drafting_twice_is_idempotent(
    company_a, company_b, contract_a, contract_b, carrier_admin, november_a
):
    again = month_draft(month=NOVEMBER)
    assert {a.contractor_id: made for a, made in again} == {
        company_a.pk: False,
        company_b.pk: True,
    }
    call_command("assessments_draft", month="2026-11", stdout=open("/dev/null", "w"))
    assert Assessment.objects.filter(month=NOVEMBER).count() == 2
    assert november_a.lines.count() == 3


def test_only_companies_under_contract_that_month_are_drafted(
    company_a, company_b, contract_a, carrier_admin
):
    contract_a.period_start = NOVEMBER.replace(day=20)
    contract_a.save()
    assert [a.contractor for a, _made in month_draft(month=NOVEMBER)] == [company_a]
    assert month_draft(month=NOVEMBER.replace(month=10)) == []


def test_a_month_not_ended_is_not_drafted(company_a, draft):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        draft(company_a, month=NOVEMBER.replace(month=12))


def test_upheld_objection_removes_the_deduction(
    november_a, manager_a, carrier_admin, client_for
):
    line = november_a.lines.get(event="unauthorised_interruption")
    manager = client_for(manager_a)
    assert object_to(manager, line).status_code == 302
    assert send(manager, november_a).status_code == 302
    november_a.refresh_from_db()
    assert november_a.state == Assessment.State.OBJECTED

    carrier = client_for(carrier_admin)
    assert decide(carrier, line, "upheld").status_code == 302
    november_a.refresh_from_db()
    assert (november_a.score, november_a.grade) == (Decimal("96.00"), "excellent")
    assert november_a.state == Assessment.State.DECIDED
    assert finalise(carrier, november_a).status_code == 302
    november_a.refresh_from_db()
    assert november_a.state == Assessment.State.FINAL
    assert november_a.finalised_at is not None
    assert november_a.rules["finalised"]["assessment"] > 0
    keys = [n["key"] for t in november_a.transitions.all() for n in t.notes]
    assert keys == [
        "assessment.drafted",
        "assessment.objected",
        "assessment.objections_sent",
        "assessment.upheld",
        "assessment.finalised",
    ]
    assert b"96.00" in manager.get(page(november_a)).content


def test_rejected_objection_keeps_the_deduction_and_needs_a_comment(
    november_a, manager_a, carrier_admin, client_for
):
    line = november_a.lines.filter(event="written_complaint").first()
    manager = client_for(manager_a)
    object_to(manager, line, evidence=False)
    send(manager, november_a)
    carrier = client_for(carrier_admin)
    refused = decide(carrier, line, "rejected")
    assert refused.status_code == 400
    assert "Say why you reject the objection." in refused.content.decode()
    assert decide(carrier, line, "rejected", "投诉属实").status_code == 302
    line.refresh_from_db()
    assert (line.decision, line.counted) == ("rejected", True)
    finalise(carrier, november_a)
    november_a.refresh_from_db()
    assert (november_a.score, november_a.grade) == (Decimal("86.00"), "good")
    assert november_a.state == Assessment.State.FINAL


def test_finalising_with_an_undecided_objection_is_refused(
    november_a, manager_a, carrier_admin, client_for
):
    line = november_a.lines.first()
    object_to(client_for(manager_a), line)
    send(client_for(manager_a), november_a)
    answer = finalise(client_for(carrier_admin), november_a)
    assert answer.status_code == 200
    assert "Decide every objection before finalising." in answer.content.decode()
    november_a.refresh_from_db()
    assert november_a.state == Assessment.State.OBJECTED


def test_an_engineer_neither_sees_nor_objects(november_a, engineer_a, client_for):
    line = november_a.lines.first()
    client = client_for(engineer_a)
    assert client.get(page(november_a)).status_code == 404
    assert object_to(client, line).status_code == 404
    line.refresh_from_db()
    assert line.objection == ""


def test_the_carrier_may_not_decide_before_the_objections_are_in(
    november_a, manager_a, carrier_admin, client_for
):
    line = november_a.lines.first()
    object_to(client_for(manager_a), line)
    answer = decide(client_for(carrier_admin), line, "upheld")
    assert answer.status_code == 400
    line.refresh_from_db()
    assert line.decision == ""


def test_history_is_shown_in_the_readers_language(
    november_a, manager_a, carrier_admin, client_for
):
    line = november_a.lines.get(event="unauthorised_interruption")
    object_to(client_for(manager_a), line)
    url = reverse("workflows:request", args=[november_a.pk])
    english = client_for(manager_a, HTTP_ACCEPT_LANGUAGE="en").get(url)
    assert "Objection to a deduction for Unauthorised operation" in (
        english.content.decode()
    )
    chinese = client_for(manager_a, HTTP_ACCEPT_LANGUAGE="zh-hans").get(url)
    assert "Objection to a deduction" not in chinese.content.decode()
    assert Transition.objects.filter(request=november_a, action="progress").exists()


def test_a_wrong_evidence_file_is_refused_and_nothing_is_written(
    november_a, manager_a, client_for
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    line = november_a.lines.first()
    url = reverse("workflows:assessment:object", args=[november_a.pk, line.pk])
    fake = SimpleUploadedFile("evidence.pdf", b"MZ\x90\x00 not a pdf")
    answer = client_for(manager_a).post(
        url, {f"line{line.pk}-reason": "理由", f"line{line.pk}-evidence": fake}
    )
    assert answer.status_code == 400
    assert "理由" in answer.content.decode()  # what was typed is kept
    line.refresh_from_db()
    assert (line.objection, line.objection_evidence.name) == ("", "")
    assert not november_a.transitions.filter(action="progress").exists()


def test_the_scaled_modes_cron_command_drafts_last_month_as_the_embedded_sweep(
    company_a, contract_a, carrier_admin
):
    """``manage.py workflow_timers`` (cron, the scaled mode) is the portal's, not
    viewflow's timers-only command: it drafts, and drafts once."""
    from io import StringIO

    out = StringIO()
    call_command("workflow_timers", stdout=out)
    assert out.getvalue().startswith("0 timer(s) fired")
    assert "1 assessment(s) drafted" in out.getvalue()
    assert Assessment.objects.filter(contractor=company_a, month=NOVEMBER).exists()
    call_command("workflow_timers", stdout=out)
    assert Assessment.objects.filter(contractor=company_a).count() == 1
