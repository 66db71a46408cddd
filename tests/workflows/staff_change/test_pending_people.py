"""One open staff change per person: never counted twice, never left twice."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from viewflow.workflow.models import Task

from registry.models import StaffMember
from workflows.staff_change import rules
from workflows.staff_change.models import StaffChange, StaffChangePerson
from workflows.staff_change.selectors import positions_in_use

from ..api_clients import API, bearer, post_json
from .rows import rows

pytestmark = pytest.mark.django_db


def open_task(change):
    return Task.objects.get(process_id=change.pk, status__in=["NEW", "ASSIGNED"])


def decide(client, change, decision, comment=""):
    url = reverse("workflows:task", args=[change.pk, open_task(change).pk])
    return client.post(url, {"decision": decision, "comment": comment})


def pending_message(person, change) -> str:
    params = {"name": person.name, "reference": change.reference}
    return rules.PERSON_PENDING % params


def test_a_person_in_an_open_removal_is_refused_in_a_second_one(
    submit, roster_a, contract_a
):
    leaver = roster_a[0]
    first = submit(kind="remove", people_in=0, staff_out=[leaver])

    with pytest.raises(ValidationError) as refused:
        submit(kind="remove", people_in=0, staff_out=[roster_a[1], leaver])

    assert refused.value.message_dict == {"staff_out": [pending_message(leaver, first)]}
    assert StaffChange.objects.count() == 1
    assert positions_in_use(contract_id=contract_a.pk) == 1


def test_a_person_being_replaced_cannot_also_be_removed(submit, roster_a):
    leaver = roster_a[0]
    first = submit(kind="replace", people_in=1, staff_out=[leaver])

    with pytest.raises(ValidationError) as refused:
        submit(kind="remove", people_in=0, staff_out=[leaver])

    assert refused.value.messages == [pending_message(leaver, first)]


def test_a_person_is_free_again_once_the_open_change_is_rejected(
    submit, roster_a, reviewer, client_for
):
    leaver = roster_a[0]
    first = submit(kind="remove", people_in=0, staff_out=[leaver])
    assert decide(client_for(reviewer), first, "rejected", "不同意").status_code == 302

    again = submit(kind="remove", people_in=0, staff_out=[leaver])

    assert again.pk and again.people.get().staff == leaver


def test_the_api_refuses_the_second_removal_with_the_rule_message(
    manager_a, contract_a, roster_a
):
    client = bearer(manager_a)
    payload = {
        "contract_id": contract_a.pk,
        "kind": "remove",
        "reason": "合同到期",
        "effective_date": "2025-06-01",
        "staff_out_ids": [roster_a[0].pk],
    }
    first = post_json(client, f"{API}/staff-changes", payload)
    assert first.status_code == 201, first.content

    second = post_json(client, f"{API}/staff-changes", payload)

    assert second.status_code == 422
    message = pending_message(roster_a[0], StaffChange.objects.get())
    assert second.json()["errors"] == {"staff_out_ids": [message]}
    assert StaffChange.objects.count() == 1


def revise(client, change, contract, staff_out):
    return client.post(
        reverse("workflows:task", args=[change.pk, open_task(change).pk]),
        {
            "contract": contract.pk,
            "kind": "remove",
            **rows(),
            "staff_out": [person.pk for person in staff_out],
            "reason": "重新提交",
            "effective_date": "2025-06-01",
        },
    )


def test_a_returned_removal_keeps_its_own_people_when_revised(
    submit, roster_a, contract_a, reviewer, manager_a, client_for
):
    change = submit(kind="remove", people_in=0, staff_out=[roster_a[0]])
    decide(client_for(reviewer), change, "returned", "请说明原因")

    response = revise(client_for(manager_a), change, contract_a, [roster_a[0]])

    assert response.status_code == 302
    assert open_task(change).flow_task.name == "review"


def test_a_revision_cannot_take_someone_open_in_another_change(
    submit, roster_a, contract_a, reviewer, manager_a, client_for
):
    change = submit(kind="remove", people_in=0, staff_out=[roster_a[0]])
    decide(client_for(reviewer), change, "returned", "请说明原因")
    other = submit(kind="remove", people_in=0, staff_out=[roster_a[1]])

    response = revise(client_for(manager_a), change, contract_a, [roster_a[1]])

    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["staff_out"] == [pending_message(roster_a[1], other)]
    assert list(change.people.values_list("staff", flat=True)) == [roster_a[0].pk]
    assert open_task(change).flow_task.name == "revise"


def test_taking_effect_never_rewrites_the_day_someone_left(
    submit, roster_a, reviewer, client_for
):
    leaver, other = roster_a[0], roster_a[1]
    first = submit(
        kind="remove",
        people_in=0,
        staff_out=[leaver],
        effective_date=datetime.date(2025, 6, 1),
    )
    decide(client_for(reviewer), first, "approved")
    leaver.refresh_from_db()
    assert leaver.left_on == datetime.date(2025, 6, 1)
    # A change filed before this rule existed, naming the same person.
    second = submit(
        kind="remove",
        people_in=0,
        staff_out=[other],
        effective_date=datetime.date(2025, 7, 1),
    )
    StaffChangePerson.objects.create(change=second, direction="out", staff=leaver)

    decide(client_for(reviewer), second, "approved")

    leaver.refresh_from_db()
    assert leaver.status == StaffMember.Status.LEFT
    assert leaver.left_on == datetime.date(2025, 6, 1)
    other.refresh_from_db()
    assert other.left_on == datetime.date(2025, 7, 1)
    applied = second.transitions.get(action="applied")
    assert leaver.name in applied.note_text
