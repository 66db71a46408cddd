"""Concurrent submits and approvals: serialised, exactly one outcome, no 5xx."""

import threading

import pytest
from django.db import connection
from django.urls import reverse
from viewflow.workflow.models import Task

from workflows.staff_change.models import StaffChange

RACERS = 20


def race(work, count=RACERS):
    """Run ``work(i)`` in ``count`` threads released at once; collect results."""
    barrier = threading.Barrier(count)
    results, errors = [None] * count, []

    def run(i):
        try:
            barrier.wait()
            results[i] = work(i)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    return results


@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_requests_get_exactly_the_three_free_positions(
    rules_after_flush, submit, roster_a, contract_a
):
    race(lambda i: submit(people_in=1).pk)
    changes = StaffChange.objects.filter(contract=contract_a)
    assert changes.count() == RACERS
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
