"""Snooze (暂缓): out of my open list until a time, back by itself; still due."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from workflows.queue.selectors import open_count, tab_counts

pytestmark = pytest.mark.django_db


def rows(client, tab):
    return client.get(reverse("queue:queue") + f"?tab={tab}").content.decode()


def snooze_url(task):
    return reverse("workflows:snooze", args=[task.process_id, task.pk])


def test_snoozed_task_comes_back_on_time(claimed_task, manager_a, client_for):
    client = client_for(manager_a)
    until = timezone.localtime() + datetime.timedelta(hours=2)
    response = client.post(
        snooze_url(claimed_task),
        {"until": until.strftime("%Y-%m-%dT%H:%M"), "reason": "等备件"},
    )
    assert response.status_code == 302
    marker = f'data-task="{claimed_task.pk}"'
    assert marker not in rows(client, "mine")
    assert marker in rows(client, "snoozed")
    counts = tab_counts(manager_a)
    assert (counts["mine"], counts["snoozed"]) == (0, 1)
    with time_machine.travel(until - datetime.timedelta(minutes=1), tick=False):
        assert marker not in rows(client, "mine")
    with time_machine.travel(until + datetime.timedelta(minutes=1), tick=False):
        assert marker in rows(client, "mine")
        assert marker not in rows(client, "snoozed")
        fresh = type(manager_a).objects.get(pk=manager_a.pk)
        assert open_count(fresh) == 1


def test_snooze_needs_a_future_time_and_a_reason(claimed_task, manager_a, client_for):
    client = client_for(manager_a)
    past = timezone.localtime() - datetime.timedelta(hours=1)
    response = client.post(
        snooze_url(claimed_task),
        {"until": past.strftime("%Y-%m-%dT%H:%M"), "reason": ""},
    )
    assert response.status_code == 200
    assert f'data-task="{claimed_task.pk}"' in rows(client, "mine")


def test_only_the_owner_snoozes(claimed_task, manager_a2, manager_b, client_for):
    until = (timezone.localtime() + datetime.timedelta(hours=2)).strftime(
        "%Y-%m-%dT%H:%M"
    )
    data = {"until": until, "reason": "x"}
    assert (
        client_for(manager_a2).post(snooze_url(claimed_task), data).status_code == 403
    )
    assert client_for(manager_b).post(snooze_url(claimed_task), data).status_code == 404


def test_wake_brings_it_back_now(claimed_task, manager_a, client_for):
    client = client_for(manager_a)
    until = timezone.now() + datetime.timedelta(days=1)
    api = f"/api/v1/delegation/tasks/{claimed_task.pk}/snooze"
    answer = client.post(
        api,
        {"until": until.isoformat(), "reason": "等备件"},
        content_type="application/json",
    )
    assert answer.status_code == 200, answer.content
    assert f'data-task="{claimed_task.pk}"' not in rows(client, "mine")
    assert client.post(snooze_url(claimed_task), {"wake": "1"}).status_code == 302
    assert f'data-task="{claimed_task.pk}"' in rows(client, "mine")
