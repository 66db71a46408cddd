"""Who is offered an unclaimed task, and what the queue tabs count.

A step is offered only to the holders of that step; a company step only to
its own company and only while nobody has claimed it; "mine" counts only
what the user holds (killed the mutants that survived `make mutation` in
workflows/queue/selectors.py: _offered_to, tab_counts).
"""

import pytest
from django.urls import reverse
from viewflow.workflow.models import Task

from registry.models import Membership
from registry.roles import Role
from workflows.queue.selectors import QueueFilter, open_count, queue_tasks, tab_counts

pytestmark = pytest.mark.django_db


def offered(user) -> list[int]:
    return [t.process_id for t in queue_tasks(user, "offered", QueueFilter())]


def fresh(user):
    """A new object for ``user``: the selectors memoise per user object."""
    return type(user).objects.get(pk=user.pk)


def counts(user) -> dict[str, int]:
    fresh = type(user).objects.get(pk=user.pk)  # tab_counts is memoised per object
    return tab_counts(fresh)


def test_a_company_step_is_offered_to_its_own_companys_manager_only(
    file_leave, manager_a, manager_b
):
    leave = file_leave()
    assert offered(manager_a) == [leave.pk]
    assert counts(manager_a) == {"mine": 0, "offered": 1, "snoozed": 0}
    assert offered(manager_b) == []
    assert counts(manager_b) == {"mine": 0, "offered": 0, "snoozed": 0}


def test_a_claimed_company_task_is_no_longer_offered_to_colleagues(
    file_leave, manager_a, make_user, client_for
):
    colleague = make_user(Role.CONTRACTOR_MANAGER)
    leave = file_leave()
    task = Task.objects.get(process_id=leave.pk, flow_task_type="HUMAN")
    client_for(manager_a).post(reverse("workflows:claim", args=[leave.pk, task.pk]))
    assert counts(manager_a) == {"mine": 1, "offered": 0, "snoozed": 0}
    assert offered(colleague) == []
    assert counts(colleague) == {"mine": 0, "offered": 0, "snoozed": 0}


def test_an_exception_step_is_offered_to_its_group_and_not_to_reviewers(
    submit, roster_a, reviewer, head
):
    submit(people_in=3)
    over = submit(people_in=1)
    exception = Task.objects.get(process_id=over.pk, status="NEW")
    assert exception.flow_task.name == "exception_review"
    assert over.pk in offered(head)
    assert over.pk not in offered(reviewer)
    assert counts(head)["mine"] == 0


def test_a_person_moved_to_another_company_no_longer_sees_the_old_companys_tasks(
    file_leave, manager_a, company_b, client_for
):
    leave = file_leave()
    task = Task.objects.get(process_id=leave.pk, flow_task_type="HUMAN")
    client_for(manager_a).post(reverse("workflows:claim", args=[leave.pk, task.pk]))
    assert [t.pk for t in queue_tasks(fresh(manager_a), "mine", QueueFilter())] == [
        task.pk
    ]
    Membership.objects.filter(user=manager_a).update(company=company_b)
    assert list(queue_tasks(fresh(manager_a), "mine", QueueFilter())) == []
    assert open_count(fresh(manager_a)) == 0
