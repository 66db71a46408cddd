"""An urgent entry reaches the company's managers and the carrier's monitoring
centre at once, after commit; nobody else, and never another company."""

import pytest
from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.contrib.auth.models import Group

from registry.roles import Role
from workflows.live.groups import auth_group, user_group
from workflows.obligations.escalation import URGENT
from workflows.obligations.services import EntryInput, log_file

from ..sockets import sentinel_event

pytestmark = pytest.mark.django_db


def listen(group: str) -> str:
    layer = get_channel_layer()
    channel = async_to_sync(layer.new_channel)()
    async_to_sync(layer.group_add)(group, channel)
    return channel


def first_message(channel: str, group: str) -> dict:
    """What came first to ``channel``: an event, or the marker sent now.

    Call it on a clock after the sends it checks: channels-redis orders a
    channel's messages by the clock of the send and breaks a tie at random, so
    on the same frozen instant the marker may overtake the event. (Its receive
    also drops a message older than the expiry by its own clock, so the clock
    stays near the send's.)
    """
    layer = get_channel_layer()
    async_to_sync(layer.group_send)(group, sentinel_event())
    return async_to_sync(layer.receive)(channel)


def test_urgent_entry_goes_to_own_managers_and_the_monitoring_centre_only(
    at,
    engineer,
    manager_a,
    manager_b,
    monitor,
    make_user,
    carrier,
    django_capture_on_commit_callbacks,
):
    noc = Group.objects.get(name=Role.MONITORING_CENTRE)
    other_engineer = make_user(Role.CONTRACTOR_ENGINEER, username="engineer_a9")
    groups = {
        "manager_a": user_group(manager_a.pk),
        "noc": auth_group(noc.pk),
        "manager_b": user_group(manager_b.pk),
        "carrier_mm": user_group(carrier.pk),
        "engineer": user_group(other_engineer.pk),
    }
    channels = {name: listen(group) for name, group in groups.items()}
    with at(2026, 12, 4, 15, 0):
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            log = log_file(
                user=engineer,
                day=log_day(),
                entries=[
                    EntryInput(code="A", text="日常巡检"),
                    EntryInput(code="G", text="天河机房市电中断，油机已启动"),
                ],
            )
        assert callbacks  # nothing is sent before the commit
    with at(2026, 12, 4, 15, 0, 1):  # a second later: see first_message
        got = {name: first_message(channels[name], groups[name]) for name in groups}
    for name in ("manager_a", "noc"):
        assert got[name].get("kind") == URGENT, got[name]
        assert got[name]["log"] == log.pk
        assert "天河机房市电中断" in got[name]["notice"]["zh-hans"]
        assert got[name]["notice"]["en"].startswith("Urgent log entry (G)")
    for name in ("manager_b", "carrier_mm", "engineer"):
        assert "sentinel" in got[name], name


def test_a_routine_entry_escalates_nothing(
    at, engineer, manager_a, django_capture_on_commit_callbacks
):
    channel = listen(user_group(manager_a.pk))
    with at(2026, 12, 4, 15, 0):
        with django_capture_on_commit_callbacks(execute=True):
            log_file(user=engineer, day=log_day(), entries=[EntryInput("A", "日常")])
    with at(2026, 12, 4, 15, 0, 1):  # a second later: see first_message
        assert "sentinel" in first_message(channel, user_group(manager_a.pk))


def test_the_urgent_mark_comes_from_the_cms(
    at, engineer, manager_a, obligation_rules_set, django_capture_on_commit_callbacks
):
    from home.rules.defaults import LOG_CLASSES

    rows = [
        {"code": c, "name_zh": zh, "name_en": en, "urgent": c == "F"}
        for c, zh, en, _urgent in LOG_CLASSES
    ]
    obligation_rules_set(rows={"log_classes": rows})
    group = user_group(manager_a.pk)
    channel = listen(group)
    with at(2026, 12, 4, 15, 0):
        with django_capture_on_commit_callbacks(execute=True):
            log_file(user=engineer, day=log_day(), entries=[EntryInput("G", "大事")])
            log_file(user=engineer, day=log_day(), entries=[EntryInput("F", "隐患")])
    with at(2026, 12, 4, 15, 0, 1):  # a second later: see first_message
        message = first_message(channel, group)
    assert message["kind"] == URGENT
    assert "(F)" in message["notice"]["en"]


def log_day():
    import datetime

    return datetime.date(2026, 12, 4)
