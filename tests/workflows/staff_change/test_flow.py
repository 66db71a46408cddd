"""The staff-change flow driven through its real pages."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone, translation
from viewflow.workflow.models import Task
from viewflow.workflow.status import PROCESS, STATUS
from viewflow.workflow.timers import fire_due_timers

from registry.models import StaffMember
from workflows.staff_change.models import StaffChange
from workflows.staff_change.selectors import positions_in_use

from .rows import rows

pytestmark = pytest.mark.django_db


def open_task(change):
    return Task.objects.get(process_id=change.pk, status__in=["NEW", "ASSIGNED"])


def task_url(change, task):
    return reverse("workflows:task", args=[change.pk, task.pk])


def decide(client, change, decision, comment=""):
    task = open_task(change)
    return client.post(
        task_url(change, task), {"decision": decision, "comment": comment}
    )


def cap_line(page) -> str:
    soup = BeautifulSoup(page.content, "html.parser")
    return " ".join(soup.select_one("dd[data-cap]").get_text().split())


@pytest.mark.parametrize(
    "language, within, over",
    [
        (
            "zh-hans",
            "已用 2 / 3 个岗位，本申请后为 3，占 15.0%（上限 15%）",
            "超出上限：本申请后本合同变更岗位将达 4 个，上限为 3 个（20 人的 15%，"
            "此前已用 3 个）。本申请转交部门负责人作例外审批。",
        ),
        (
            "en",
            "2 of 3 positions used, this request makes 3 = 15.0% (cap 15%)",
            "Over the cap: with this request the contract would have 4 changed "
            "positions and 3 are allowed (15% of 20; 3 already used). This request "
            "goes to Department head for approval as an exception.",
        ),
    ],
)
def test_the_cap_line_says_plainly_which_way_the_request_goes(
    language, within, over, settings, submit, roster_a, head, client_for
):
    settings.LANGUAGE_CODE = language
    submit(people_in=2)
    fits, above = submit(people_in=1), submit(people_in=1)
    client = client_for(head)
    for change, line in ((fits, within), (above, over)):
        assert cap_line(client.get(f"/requests/{change.pk}/")) == line
    with translation.override(language):
        routed = above.transitions.get(action="routed").note_text
    assert routed.startswith(over.split("（" if language == "zh-hans" else "(")[0])


def test_within_cap_goes_to_review_and_approval_adds_a_trainee(
    submit, roster_a, reviewer, client_for
):
    change = submit(people_in=1)
    change.refresh_from_db()
    assert change.within_cap is True
    task = open_task(change)
    assert task.flow_task.name == "review"
    client = client_for(reviewer)
    assert client.get(task_url(change, task)).status_code == 200
    response = decide(client, change, "approved")
    assert response.status_code == 302
    change.refresh_from_db()
    assert change.status == PROCESS.DONE
    assert change.outcome == "approved" and not change.is_exception
    joiner = StaffMember.objects.get(name="新人0")
    assert joiner.status == StaffMember.Status.TRAINEE
    last = max(int(person.employee_no[1:]) for person in roster_a)
    assert joiner.employee_no == f"E{last + 1:05d}"  # not the request reference
    assert joiner.joined_on == change.effective_date
    actions = list(change.transitions.values_list("action", flat=True))
    assert actions == ["submitted", "routed", "approved", "applied"]
    routed = change.transitions.get(action="routed")
    assert routed.rules["revision_id"] and routed.rules["allowed"] == 3


def test_over_cap_goes_to_the_department_head_who_needs_a_reason(
    submit, roster_a, reviewer, head, client_for
):
    submit(people_in=3)
    change = submit(people_in=1)
    change.refresh_from_db()
    assert change.within_cap is False
    task = open_task(change)
    assert task.flow_task.name == "exception_review"
    assert client_for(reviewer).get(task_url(change, task)).status_code == 403
    page = client_for(head).get(reverse("workflows:request", args=[change.pk]))
    assert cap_line(page) == (
        "Over the cap: with this request the contract would have 4 changed "
        "positions and 3 are allowed (15% of 20; 3 already used). This request "
        "goes to Department head for approval as an exception."
    )
    client = client_for(head)
    response = decide(client, change, "approved", comment="")
    assert response.status_code == 200
    assert "Give a reason for this decision." in response.content.decode()
    decide(client, change, "approved", comment="春节保障期间临时增援")
    change.refresh_from_db()
    assert change.is_exception and change.outcome == "approved"
    assert change.transitions.filter(action="exception_approved").exists()


def test_returned_request_is_rechecked_against_the_cap_on_resubmission(
    submit, roster_a, reviewer, manager_a, client_for, contract_a
):
    change = submit(people_in=2)
    decide(client_for(reviewer), change, "returned", comment="请补充资质")
    task = open_task(change)
    assert task.flow_task.name == "revise" and task.owner == manager_a
    submit(people_in=2)  # meanwhile takes two of the three positions
    response = client_for(manager_a).post(
        task_url(change, task),
        {
            "contract": contract_a.pk,
            "kind": "add",
            **rows(
                {"name": "赵六", "phone": "13800000000", "qualifications": "电工证"},
                {"name": "钱七"},
            ),
            "reason": "补充资质后重新提交",
            "effective_date": "2025-06-01",
        },
    )
    assert response.status_code == 302
    change.refresh_from_db()
    assert change.within_cap is False
    assert open_task(change).flow_task.name == "exception_review"
    assert change.people.filter(name="赵六", qualifications="电工证").exists()


def test_rejection_needs_a_reason_and_changes_no_roster(
    submit, roster_a, reviewer, client_for
):
    change = submit(people_in=1)
    client = client_for(reviewer)
    assert decide(client, change, "rejected").status_code == 200
    decide(client, change, "rejected", comment="人员资质不符")
    change.refresh_from_db()
    assert change.outcome == "rejected" and change.status == PROCESS.DONE
    assert not StaffMember.objects.filter(name="新人0").exists()


def test_second_approval_of_the_same_task_gets_already_handled(
    submit, roster_a, reviewer, make_user, client_for
):
    change = submit(people_in=1)
    task = open_task(change)
    other = make_user("maintenance_manager")
    assert decide(client_for(reviewer), change, "approved").status_code == 302
    response = client_for(other).post(task_url(change, task), {"decision": "approved"})
    assert response.status_code == 409
    assert "already been handled" in response.content.decode()


def test_replacement_takes_effect_on_the_effective_date(
    submit, roster_a, reviewer, client_for
):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    leaver = roster_a[0]
    change = submit(
        kind="replace",
        people_in=1,
        staff_out=[leaver],
        effective_date=tomorrow,
        contract=leaver.contract,
    )
    change.contract.period_end = tomorrow + datetime.timedelta(days=30)
    decide(client_for(reviewer), change, "approved")
    leaver.refresh_from_db()
    assert leaver.status == StaffMember.Status.ON_DUTY
    timer = Task.objects.get(process_id=change.pk, status=STATUS.SCHEDULED)
    Task.objects.filter(pk=timer.pk).update(scheduled=timezone.now())
    assert fire_due_timers() == 1
    leaver.refresh_from_db()
    assert leaver.status == StaffMember.Status.LEFT and leaver.left_on == tomorrow
    assert StaffChange.objects.get(pk=change.pk).applied_on == tomorrow


def test_other_company_neither_sees_nor_acts(submit, roster_a, manager_b, client_for):
    change = submit(people_in=1)
    task = open_task(change)
    client = client_for(manager_b)
    assert client.get(reverse("workflows:request", args=[change.pk])).status_code == 404
    assert client.get(task_url(change, task)).status_code == 404
    assert (
        client.post(task_url(change, task), {"decision": "approved"}).status_code == 404
    )


def test_a_rejected_change_frees_its_positions_under_the_cap(
    submit, roster_a, reviewer, client_for, contract_a
):
    rejected = submit(people_in=3)  # all three positions allowed
    assert (
        decide(client_for(reviewer), rejected, "rejected", "不同意").status_code == 302
    )
    assert positions_in_use(contract_id=contract_a.pk) == 0

    approved = submit(people_in=1)
    assert decide(client_for(reviewer), approved, "approved").status_code == 302
    in_flight = submit(people_in=2)

    in_flight.refresh_from_db()
    assert (in_flight.cap_used, in_flight.within_cap) == (1, True)
    assert open_task(in_flight).flow_task.name == "review"
    assert positions_in_use(contract_id=contract_a.pk) == 3
    assert positions_in_use(contract_id=contract_a.pk, exclude_pk=in_flight.pk) == 1
