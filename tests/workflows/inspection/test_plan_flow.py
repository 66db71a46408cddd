"""The quarterly plan: filed, approved or returned and resubmitted; isolation."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from viewflow.workflow.models import Task

from workflows.inspection import rules, services
from workflows.inspection.models import InspectionPlan
from workflows.models import StepDeadline

pytestmark = pytest.mark.django_db


def open_task(plan, name):
    return Task.objects.get(
        process_id=plan.pk, status__in=("NEW", "ASSIGNED"), flow_task_type="HUMAN"
    )


def decide(client, plan, decision, comment=""):
    task = open_task(plan, "approval")
    url = reverse("workflows:task", args=[plan.pk, task.pk])
    return client.post(url, {"decision": decision, "comment": comment})


def test_plan_in_time_waits_for_the_carrier_with_a_due_time(file_plan):
    plan = file_plan(quarter=2)
    assert plan.late is False
    assert str(plan.due_on) == "2026-03-22"
    assert plan.rows.count() == 3
    task = open_task(plan, "approval")
    assert task.flow_task.name == "approval"
    deadline = StepDeadline.objects.get(task=task)
    assert deadline.rules["obligation"] == "inspection_plan_approval"
    routed = plan.transitions.get(action="routed")
    assert routed.rules["inspection_plan_days_before_quarter"] == 10
    assert routed.rules["revision_id"]


def test_plan_after_its_deadline_is_flagged_late(file_plan, settings):
    plan = file_plan(quarter=1)  # Q1 began on 1 January
    assert plan.late is True
    routed = plan.transitions.get(action="routed")
    assert routed.notes[0]["key"] == "inspection.late"


def test_plan_for_an_ended_quarter_is_refused(
    manager_a, region, site_a, room_checklist
):
    data = services.PlanInput(
        region=region, year=2025, quarter=4, sites=[site_a], months=[10]
    )
    with pytest.raises(ValidationError) as error:
        services.plan_submit(user=manager_a, data=data)
    assert str(rules.QUARTER_ENDED) in str(error.value)
    assert not InspectionPlan.objects.exists()


def test_second_plan_for_the_same_quarter_is_refused(file_plan):
    file_plan()
    with pytest.raises(ValidationError):
        file_plan()
    assert InspectionPlan.objects.count() == 1


def test_other_companys_site_is_refused(file_plan, site_b):
    with pytest.raises(ValidationError):
        file_plan(sites=[site_b])
    assert not InspectionPlan.objects.exists()


def test_engineer_cannot_file_a_plan(file_plan, engineer_a):
    with pytest.raises(ValidationError) as error:
        file_plan(user=engineer_a)
    assert str(services.NOT_ALLOWED) in str(error.value)


def test_carrier_approves_through_the_task_page(file_plan, carrier, client_for):
    plan = file_plan()
    response = decide(client_for(carrier), plan, "approved")
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.outcome == "approved"
    assert plan.status == "DONE"


def test_engineer_cannot_approve(file_plan, engineer_a, manager_a, client_for):
    plan = file_plan()
    for user in (engineer_a, manager_a):
        response = decide(client_for(user), plan, "approved")
        assert response.status_code == 403
    plan.refresh_from_db()
    assert plan.outcome == ""


def test_return_needs_a_comment(file_plan, carrier, client_for):
    plan = file_plan()
    response = decide(client_for(carrier), plan, "returned")
    assert response.status_code == 200
    assert str(services.COMMENT_REQUIRED) in response.content.decode()
    assert open_task(plan, "approval").flow_task.name == "approval"


def test_returned_plan_is_revised_and_approved(
    file_plan, carrier, manager_a, site_a, site_a2, client_for
):
    plan = file_plan()
    decide(client_for(carrier), plan, "returned", "加上二号机房")
    task = open_task(plan, "revise")
    assert task.flow_task.name == "revise"
    assert task.owner == manager_a
    assert StepDeadline.objects.get(task=task).step == "inspection.revise"
    url = reverse("workflows:task", args=[plan.pk, task.pk])
    response = client_for(manager_a).post(
        url, {"sites": [site_a.pk, site_a2.pk], "months": ["1", "2"]}
    )
    assert response.status_code == 302
    assert plan.rows.count() == 4
    assert {r.month for r in plan.rows.all()} == {4, 5}
    decide(client_for(carrier), plan, "approved")
    plan.refresh_from_db()
    assert plan.outcome == "approved"
    actions = list(plan.transitions.values_list("action", flat=True))
    assert actions == ["submitted", "routed", "returned", "resubmitted", "approved"]


def test_other_company_cannot_see_the_plan(file_plan, manager_b, client_for):
    plan = file_plan()
    response = client_for(manager_b).get(reverse("workflows:request", args=[plan.pk]))
    assert response.status_code == 404


def test_plan_page_lists_its_rows(file_plan, manager_a, client_for):
    plan = file_plan()
    response = client_for(manager_a).get(reverse("workflows:request", args=[plan.pk]))
    assert response.status_code == 200
    assert response.content.decode().count("data-row=") == 3


@pytest.mark.parametrize(
    ("language", "label"), [("en", "Quarter 2"), ("zh-hans", "第 2 季度")]
)
def test_plan_form_names_the_quarters_in_the_readers_language(
    manager_a, language, label
):
    from django.utils import translation

    from workflows.inspection.forms import PlanForm

    with translation.override(language):
        choices = dict(PlanForm(user=manager_a).fields["quarter"].choices)
    assert choices["2"] == label
