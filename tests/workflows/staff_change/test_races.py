"""Concurrent submits and approvals: serialised, exactly one outcome, no 5xx."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from viewflow.workflow.models import Task

from registry.models import StaffMember
from workflows.staff_change.models import StaffChange
from workflows.staff_change.selectors import positions_in_use

from ..races import RACERS, race


@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_requests_get_exactly_the_three_free_positions(
    rules_after_flush, submit, roster_a, contract_a
):
    race(lambda i: submit(people_in=1).pk)
    changes = StaffChange.objects.filter(contract=contract_a)
    assert changes.count() == RACERS
    numbers = sorted(
        int(ref[-5:]) for ref in changes.values_list("reference", flat=True)
    )
    assert numbers == list(range(1, RACERS + 1))
    assert changes.filter(within_cap=True).count() == 3
    assert changes.filter(within_cap=False).count() == RACERS - 3


@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_approvals_make_exactly_one_transition(
    rules_after_flush, submit, roster_a, make_user, client_for
):
    change = submit(people_in=1)
    task = Task.objects.get(process_id=change.pk, flow_task_type="HUMAN")
    url = reverse("workflows:task", args=[change.pk, task.pk])
    clients = [client_for(make_user("maintenance_manager")) for _ in range(RACERS)]
    codes = race(lambda i: clients[i].post(url, {"decision": "approved"}).status_code)
    assert sorted(codes) == [302] + [409] * (RACERS - 1)
    assert change.transitions.filter(action="approved").count() == 1
    assert change.transitions.filter(action="applied").count() == 1


@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_removals_of_one_person_accept_exactly_one(
    rules_after_flush, submit, roster_a, contract_a
):
    leaver = roster_a[0]

    def work(i):
        try:
            return submit(kind="remove", people_in=0, staff_out=[leaver]).pk
        except ValidationError as refused:
            assert list(refused.message_dict) == ["staff_out"]
            return None

    accepted = [pk for pk in race(work) if pk is not None]

    assert len(accepted) == 1
    assert StaffChange.objects.filter(contract=contract_a).count() == 1
    assert positions_in_use(contract_id=contract_a.pk) == 1


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_approvals_give_new_staff_different_numbers(
    rules_after_flush, submit, roster_a, make_user, client_for, company_a
):
    changes = [submit(people_in=1), submit(people_in=1)]
    urls = [
        reverse(
            "workflows:task",
            args=[c.pk, Task.objects.get(process_id=c.pk, flow_task_type="HUMAN").pk],
        )
        for c in changes
    ]
    clients = [client_for(make_user("maintenance_manager")) for _ in urls]

    codes = race(
        lambda i: clients[i].post(urls[i], {"decision": "approved"}).status_code,
        count=2,
    )

    assert codes == [302, 302]
    joiners = StaffMember.objects.filter(company=company_a, name="新人0")
    numbers = sorted(joiners.values_list("employee_no", flat=True))
    last = max(int(person.employee_no[1:]) for person in roster_a)
    assert numbers == [f"E{last + 1:05d}", f"E{last + 2:05d}"]
