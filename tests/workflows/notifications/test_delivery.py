"""Webhook posts in the robots' JSON, retried with backoff by the worker (the
clock moved), given up after the last try; a failure never reaches the sender."""

from datetime import datetime, timedelta
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import pytest
import time_machine

from registry.roles import Role
from workflows.notifications import events, rules
from workflows.notifications.models import Delivery, Webhook
from workflows.notifications.services import deliveries_requeue

from .conftest import TIMEOUT, ready_tasks, work
from .test_send import send

pytestmark = pytest.mark.django_db
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
DOWN = (500, {"errmsg": "down"})


def hook_delivery():
    return Delivery.objects.get(channel=Delivery.Channel.WEBHOOK)


def test_a_failed_post_is_retried_with_backoff_until_sent(
    robot, webhook_for, engineer_a, company_a, django_capture_on_commit_callbacks
):
    robot.script = [DOWN, TIMEOUT]
    webhook_for(
        robot, Role.CONTRACTOR_ENGINEER, company_a, events=[events.FAULT_DISPATCHED]
    )
    with time_machine.travel(T0, tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            send([engineer_a], company_a)
        assert not robot.posts  # nothing is posted by the sender itself
        work()
        delivery = hook_delivery()
        assert (delivery.status, delivery.attempts) == ("pending", 1)
        assert delivery.last_error.startswith("HTTP 500")
        assert delivery.next_attempt_at == T0 + timedelta(seconds=60)
        assert work() == 0  # the retry waits for its time
    with time_machine.travel(T0 + timedelta(seconds=59), tick=False):
        assert work() == 0
    with time_machine.travel(T0 + timedelta(seconds=60), tick=False):
        assert work() == 1  # times out
        delivery = hook_delivery()
        assert (delivery.status, delivery.attempts) == ("pending", 2)
        assert "Timeout" in delivery.last_error
        assert delivery.next_attempt_at == T0 + timedelta(seconds=60 + 120)
    with time_machine.travel(T0 + timedelta(seconds=180), tick=False):
        assert work() == 1
    delivery = hook_delivery()
    assert (delivery.status, delivery.attempts, delivery.last_error) == ("sent", 3, "")
    assert len(robot.posts) == 3
    assert robot.posts[-1]["body"] == {
        "msgtype": "text",
        "text": {
            "content": "故障工单 FT-1，1 级，天河机房：基站退服\n"
            "http://127.0.0.1:8000/requests/1/"
        },
    }
    assert not ready_tasks().exists()


def test_a_post_is_given_up_after_the_last_try(
    robot, webhook_for, engineer_a, company_a, django_capture_on_commit_callbacks
):
    robot.script = [DOWN] * 10
    webhook_for(
        robot, Role.CONTRACTOR_ENGINEER, company_a, events=[events.FAULT_DISPATCHED]
    )
    with time_machine.travel(T0, tick=False) as clock:
        with django_capture_on_commit_callbacks(execute=True):
            send([engineer_a], company_a)
        for wait in (0, 60, 120, 240):  # 4 tries (NOTIFY_MAX_ATTEMPTS in the test)
            clock.shift(timedelta(seconds=wait))
            work()
        clock.shift(timedelta(days=1))
        assert work() == 0
    delivery = hook_delivery()
    assert (delivery.status, delivery.attempts) == ("failed", 4)
    assert len(robot.posts) == 4


def test_an_errcode_is_a_failure(
    robot, webhook_for, engineer_a, company_a, django_capture_on_commit_callbacks
):
    robot.script = [(200, {"errcode": 93000, "errmsg": "invalid webhook url"})]
    webhook_for(
        robot, Role.CONTRACTOR_ENGINEER, company_a, events=[events.FAULT_DISPATCHED]
    )
    with django_capture_on_commit_callbacks(execute=True):
        send([engineer_a], company_a)
    work()
    assert hook_delivery().last_error == "errcode 93000: invalid webhook url"


def test_dingtalk_is_signed_and_carries_its_keyword(
    robot, webhook_for, engineer_a, company_a, django_capture_on_commit_callbacks
):
    webhook_for(
        robot,
        Role.CONTRACTOR_ENGINEER,
        company_a,
        events=[events.FAULT_DISPATCHED],
        kind=Webhook.Kind.DINGTALK,
        secret="SECtest",
        keyword="告警",
        language="en",
    )
    with time_machine.travel(T0, tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            send([engineer_a], company_a)
        work()
    query = parse_qs(urlsplit(robot.posts[0]["path"]).query)
    stamp = int(T0.timestamp() * 1000)
    assert query["timestamp"] == [str(stamp)]
    signed = rules.dingtalk_signed(url="u", secret="SECtest", timestamp_ms=stamp)
    assert query["sign"] == parse_qs(urlsplit(signed).query)["sign"]
    content = robot.posts[0]["body"]["text"]["content"]
    assert content.startswith("【告警】Fault ticket FT-1, level 1 at Tianhe Room")


def test_a_webhook_hears_only_its_own_companys_events(
    robot,
    webhook_for,
    engineer_a,
    carrier_admin,
    company_a,
    company_b,
    make_user,
    django_capture_on_commit_callbacks,
):
    make_user(Role.CONTRACTOR_ENGINEER, company_b, username="engineer_b")
    theirs = webhook_for(
        robot, Role.CONTRACTOR_ENGINEER, company_b, events=[events.FAULT_DISPATCHED]
    )
    carrier = webhook_for(robot, Role.CARRIER_ADMIN, events=[events.FAULT_DISPATCHED])
    other_event = webhook_for(
        robot, Role.CONTRACTOR_ENGINEER, company_a, events=[events.TASK_ASSIGNED]
    )
    switched_off = webhook_for(
        robot,
        Role.CONTRACTOR_ENGINEER,
        company_a,
        events=[events.FAULT_DISPATCHED],
        enabled=False,
    )
    with django_capture_on_commit_callbacks(execute=True):
        send([engineer_a, carrier_admin], company_a)
    told = set(
        Delivery.objects.filter(channel="webhook").values_list("webhook", flat=True)
    )
    assert told == {carrier.pk}
    assert {theirs.pk, other_event.pk, switched_off.pk}.isdisjoint(told)


def test_backoff_doubles_up_to_its_cap():
    delays = [
        rules.backoff_delay(attempts=n, base_seconds=60, max_seconds=600).seconds
        for n in range(1, 7)
    ]
    assert delays == [60, 120, 240, 480, 600, 600]


def test_a_try_whose_worker_died_is_queued_again_by_the_sweep(
    robot, webhook_for, engineer_a, company_a, django_capture_on_commit_callbacks
):
    webhook_for(
        robot, Role.CONTRACTOR_ENGINEER, company_a, events=[events.FAULT_DISPATCHED]
    )
    with time_machine.travel(T0, tick=False) as clock:
        with django_capture_on_commit_callbacks(execute=True):
            send([engineer_a], company_a)
        # The worker claims the try and dies before sending: its task is gone.
        ready_tasks().delete()
        Delivery.objects.update(next_attempt_at=T0 + timedelta(seconds=300))
        assert deliveries_requeue() == 0  # the lease still runs
        clock.shift(timedelta(seconds=601))
        assert deliveries_requeue() == 2  # the mail and the post
        assert work() == 2
    assert set(Delivery.objects.values_list("status", flat=True)) == {"sent"}
    assert len(robot.posts) == 1
