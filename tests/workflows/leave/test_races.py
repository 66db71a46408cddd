"""Concurrent filings and approvals of leave: serialised, one outcome, no 5xx."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from viewflow.workflow.models import Task

from workflows.leave.models import Leave

from ..races import race

RACERS = 10


@pytest.mark.django_db(transaction=True)
def test_concurrent_overlapping_filings_for_one_person_make_one_leave(
    rules_after_flush, file_leave, person_a
):
    def work(i):
        try:
            return file_leave(days=3 + i % 2).pk
        except ValidationError:
            return None

    results = race(work, RACERS)
    assert sum(pk is not None for pk in results) == 1
    assert Leave.objects.filter(person=person_a).count() == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_company_approvals_make_exactly_one_transition(
    rules_after_flush, file_leave, make_user, client_for
):
    leave = file_leave(days=1)
    task = Task.objects.get(process_id=leave.pk, flow_task_type="HUMAN")
    url = reverse("workflows:task", args=[leave.pk, task.pk])
    clients = [client_for(make_user("contractor_manager")) for _ in range(RACERS)]
    codes = race(
        lambda i: clients[i].post(url, {"decision": "approved"}).status_code, RACERS
    )
    assert sorted(codes) == [302] + [409] * (RACERS - 1)
    assert leave.transitions.filter(action="approved").count() == 1
