"""Due times of open steps: CMS limits on the working calendar, stored for the queue."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from viewflow.workflow.models import Task

from home.models import DeadlineRules
from home.models.deadlines import Obligation
from home.rules import current_rules
from home.services import snippet_publish_changes
from workflows.deadlines import after_obligation, due_after, late_steps
from workflows.models import Request, StepDeadline
from workflows.staff_change.steps import REVIEW

from .api_clients import API, bearer

pytestmark = pytest.mark.django_db
CST = ZoneInfo("Asia/Shanghai")
QUEUE = "/queue/"


def at(*args) -> datetime:
    return datetime(*args, tzinfo=CST)


def review_task(change):
    return Task.objects.get(process_id=change.pk, flow_task_type="HUMAN")


def decide(client, change, decision="approved"):
    task = review_task(change)
    url = reverse("workflows:task", args=[change.pk, task.pk])
    return client.post(url, {"decision": decision, "comment": "同意"})


def publish_limit(obligation, amount, unit="working_days"):
    """Change one time limit and publish it, as an admin does under Rules."""
    rules = DeadlineRules.objects.get()
    rows = [
        {"obligation": row.obligation, "amount": row.amount, "unit": row.unit}
        for row in rules.deadlines.all()
    ]
    for row in rows:
        if row["obligation"] == obligation:
            row.update(amount=amount, unit=unit)
    assert snippet_publish_changes(instance=rules, fields={}, rows={"deadlines": rows})


def test_working_days_skip_national_day():
    # 2025: 1-8 October off, Saturday 11 October worked.
    due = due_after(at(2025, 9, 30, 10, 0), amount=2, unit="working_days")
    assert due == at(2025, 10, 10, 10, 0)
    assert due_after(at(2025, 10, 10, 9, 0), amount=1, unit="working_days") == at(
        2025, 10, 11, 9, 0
    )


def test_working_days_skip_spring_festival():
    # 2025: 28 January to 4 February off, Saturday 8 February worked.
    due = due_after(at(2025, 1, 27, 9, 30), amount=2, unit="working_days")
    assert due == at(2025, 2, 6, 9, 30)
    assert due_after(at(2025, 2, 7, 9, 30), amount=1, unit="working_days") == at(
        2025, 2, 8, 9, 30
    )


def test_hours_run_around_the_clock():
    start = at(2025, 9, 30, 22, 0)
    assert due_after(start, amount=4, unit="hours") == at(2025, 10, 1, 2, 0)


def test_every_flow_step_has_a_limit_in_the_seeded_rules():
    limits = current_rules().deadlines.deadlines
    assert set(Obligation.values) <= set(limits)
    assert limits["staff_change_review"].amount == 3


def test_filing_sets_the_due_time_across_the_holiday(submit, roster_a):
    with time_machine.travel(at(2025, 9, 30, 10, 0), tick=False):
        change = submit(people_in=1)
    change.refresh_from_db()
    # 3 working days after 30 September: 9, 10 and 11 October (a worked Saturday).
    assert change.due_at == at(2025, 10, 11, 10, 0)
    row = StepDeadline.objects.get(request=change)
    assert row.step == "staff_change.review" and row.closed_at is None
    assert row.rules["obligation"] == "staff_change_review"
    assert row.rules["amount"] == 3
    assert row.rules["deadlines"] == current_rules().deadlines.revision_id


def test_deciding_in_time_clears_the_due_time_and_is_not_late(
    submit, roster_a, reviewer, client_for
):
    with time_machine.travel(at(2025, 9, 30, 10, 0), tick=False):
        change = submit(people_in=1)
    with time_machine.travel(at(2025, 10, 9, 10, 0), tick=False):
        assert decide(client_for(reviewer), change).status_code == 302
    change.refresh_from_db()
    assert change.due_at is None
    row = StepDeadline.objects.get(request=change)
    assert row.closed_at == at(2025, 10, 9, 10, 0) and not row.late
    assert not late_steps().exists()


def test_deciding_after_the_due_time_is_counted_late(
    submit, roster_a, reviewer, client_for
):
    with time_machine.travel(at(2025, 9, 30, 10, 0), tick=False):
        change = submit(people_in=1)
    with time_machine.travel(at(2025, 10, 11, 10, 1), tick=False):
        decide(client_for(reviewer), change, "rejected")
    row = StepDeadline.objects.get(request=change)
    assert row.late and Request.objects.get(pk=change.pk).due_at is None
    assert list(late_steps()) == [row]


def test_an_open_step_past_its_due_time_counts_late(submit, roster_a):
    with time_machine.travel(at(2025, 9, 30, 10, 0), tick=False):
        change = submit(people_in=1)
    row = StepDeadline.objects.get(request=change)
    assert not late_steps(now=at(2025, 10, 11, 9, 59)).exists()
    assert list(late_steps(now=at(2025, 10, 11, 10, 1))) == [row]


def test_returned_to_the_requester_has_no_due_time(
    submit, roster_a, reviewer, client_for
):
    with time_machine.travel(at(2025, 9, 30, 10, 0), tick=False):
        change = submit(people_in=1)
    with time_machine.travel(at(2025, 10, 9, 10, 0), tick=False):
        decide(client_for(reviewer), change, "returned")
    change.refresh_from_db()
    # Revising is the requester's own step: no limit, no due time.
    assert change.due_at is None
    revise = Task.objects.get(process_id=change.pk, status__in=["NEW", "ASSIGNED"])
    assert not StepDeadline.objects.filter(task=revise).exists()
    assert StepDeadline.objects.get(request=change).closed_at is not None


def test_a_rule_change_in_the_cms_changes_the_next_due_time(submit, roster_a):
    with time_machine.travel(at(2025, 9, 30, 10, 0), tick=False):
        first = submit(people_in=1)
        publish_limit("staff_change_review", 5, "hours")
        second = submit(people_in=1)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.due_at == at(2025, 10, 11, 10, 0)  # fixed when its step opened
    assert second.due_at == at(2025, 9, 30, 15, 0)
    revisions = StepDeadline.objects.order_by("pk").values_list("rules", flat=True)
    assert revisions[0]["deadlines"] != revisions[1]["deadlines"]


def test_an_obligation_missing_from_the_rules_gives_no_due_time():
    due = after_obligation("no_such_obligation")
    task = Task(created=at(2025, 9, 30, 10, 0))
    assert due(task, current_rules()) is None
    assert REVIEW.due.obligation == "staff_change_review"


def _queue_order(client, **params) -> list[str]:
    page = client.get(QUEUE, {"tab": "offered", **params}).content.decode()
    return [part.split('"')[0] for part in page.split('data-row="task-')[1:]]


def test_queue_sorts_by_due_time_and_filters_overdue(
    submit, roster_a, reviewer, client_for
):
    with time_machine.travel(at(2025, 9, 30, 10, 0), tick=False):
        slow = submit(people_in=1)  # due 11 October
    with time_machine.travel(at(2025, 9, 30, 11, 0), tick=False):
        publish_limit("staff_change_review", 2, "hours")
        fast = submit(people_in=1)  # due 13:00 the same day
    slow_task, fast_task = str(review_task(slow).pk), str(review_task(fast).pk)
    with time_machine.travel(at(2025, 9, 30, 12, 0), tick=False):
        client = client_for(reviewer)
        assert _queue_order(client) == [fast_task, slow_task]
        assert _queue_order(client, overdue="1") == []
    with time_machine.travel(at(2025, 10, 1, 12, 0), tick=False):
        assert _queue_order(client, overdue="1") == [fast_task]
        page = client.get(QUEUE, {"tab": "offered"}).content.decode()
        assert page.count("overdue</time>") == 1


def test_request_page_shows_the_due_time_in_the_readers_language(
    submit, roster_a, manager_a, client_for
):
    with time_machine.travel(at(2025, 9, 30, 10, 0), tick=False):
        change = submit(people_in=1)
    url = reverse("workflows:request", args=[change.pk])
    with time_machine.travel(at(2025, 10, 1, 12, 0), tick=False):
        client = client_for(manager_a)
        english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
        assert 'datetime="2025-10-11T10:00:00+08:00"' in english
        assert "10/11/2025" in english
        client.cookies["django_language"] = "zh-hans"
        chinese = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
        assert "2025年10月11日 10:00" in chinese
    with time_machine.travel(at(2025, 10, 12, 12, 0), tick=False):
        late = client_for(manager_a).get(url, HTTP_ACCEPT_LANGUAGE="en")
        assert "overdue</time>" in late.content.decode()


def test_api_gives_the_due_time(submit, roster_a, manager_a):
    with time_machine.travel(at(2025, 9, 30, 10, 0), tick=False):
        change = submit(people_in=1)
    response = bearer(manager_a).get(f"{API}/staff-changes/{change.pk}")
    due = datetime.fromisoformat(response.json()["due_at"])
    assert due == at(2025, 10, 11, 10, 0)
