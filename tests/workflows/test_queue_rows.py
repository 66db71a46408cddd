"""The queue's live fragment and single rows: a fixed number of queries."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from viewflow.workflow.models import Task


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def review_task(change) -> Task:
    return Task.objects.get(process_id=change.pk, flow_task_type="HUMAN")


def fragment_queries(client, **params) -> int:
    query = {"tab": "offered", "fragment": "1"} | params
    with CaptureQueriesContext(connection) as captured:
        answer = client.get("/queue/", query, headers={"X-Requested-With": "live"})
    assert answer.status_code == 200
    return len(captured)


@pytest.mark.django_db
def test_queue_query_counts_unchanged_and_a_row_costs_no_more(
    submit, roster_a, reviewer
):
    client = logged_in(reviewer)
    change = submit(people_in=1)
    task = review_task(change)
    fragment_queries(client)  # the first reads the rules and role groups once
    one = fragment_queries(client)
    for _ in range(4):
        submit(people_in=1)
    many = fragment_queries(client)
    row = fragment_queries(client, row=task.pk)

    # Session, user, the tab counts (the badge), the rows, their notes, and for
    # a maintenance manager the new inspection findings (the user's roles,
    # groups, held steps and navigation come from the facts cache); a single
    # row costs no more than the page and skips the findings.
    assert (one, many, row) == (6, 6, 5)
