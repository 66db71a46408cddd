"""What the queue selectors promise at their edges.

These kill the mutants that survived `make mutation` in
workflows/queue/selectors.py and workflows/selectors.py: the badge of an
anonymous visitor, cancelled steps, a person who moved to another company,
steps that are not human, and row notes of several flows on one page.
"""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from workflows import catalog
from workflows.models import Request
from workflows.queue.selectors import QueueFilter, open_count, queue_tasks, row_notes
from workflows.selectors import requests_for_user, with_current_step

pytestmark = pytest.mark.django_db


def fresh(user):
    return type(user).objects.get(pk=user.pk)  # selectors memoise per user object


def test_an_anonymous_visitor_has_no_open_tasks():
    assert open_count(AnonymousUser()) == 0


def test_a_cancelled_step_is_no_longer_offered(submit, roster_a, reviewer):
    change = submit()
    assert [
        t.process_id for t in queue_tasks(fresh(reviewer), "offered", QueueFilter())
    ] == [change.pk]
    Task.objects.filter(process_id=change.pk, status=STATUS.NEW).update(
        status=STATUS.CANCELED
    )
    assert list(queue_tasks(fresh(reviewer), "offered", QueueFilter())) == []


def test_the_current_step_is_a_human_step_never_a_timer(
    submit, roster_a, reviewer, client_for
):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    change = submit(effective_date=tomorrow)
    change.contract.period_end = tomorrow + datetime.timedelta(days=30)
    task = Task.objects.get(process_id=change.pk, status=STATUS.NEW)
    url = reverse("workflows:task", args=[change.pk, task.pk])
    client_for(reviewer).post(url, {"decision": "approved", "comment": ""})
    timer = Task.objects.get(process_id=change.pk, status=STATUS.SCHEDULED)
    Task.objects.filter(pk=timer.pk).update(status=STATUS.NEW)  # a timer firing
    row = with_current_step(Request.objects.filter(pk=change.pk)).get()
    assert row.current_step is None


def test_row_notes_of_several_flows_are_all_kept(monkeypatch):
    readers = {
        "flow.one": lambda pks: {pk: f"one {pk}" for pk in pks},
        "flow.two": lambda pks: {pk: f"two {pk}" for pk in pks},
    }
    monkeypatch.setattr(catalog, "_ROW_NOTES", readers)
    notes = row_notes([(1, "flow.one"), (2, "flow.two"), (3, "flow.one")])
    assert notes == {1: "one 1", 2: "two 2", 3: "one 3"}


def test_a_listed_request_carries_its_requester(
    submit, roster_a, reviewer, django_assert_num_queries
):
    change = submit()
    row = requests_for_user(fresh(reviewer)).get(pk=change.pk)
    with django_assert_num_queries(0):
        assert row.requester.username == "manager_a"
