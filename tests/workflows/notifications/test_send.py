"""Sent once after commit, never on rollback; only to the right company;
mail in the reader's language and by their choice."""

import pytest
from django.core import mail
from django.db import transaction
from wagtail.users.models import UserProfile

from registry.roles import Role
from workflows.notifications import events
from workflows.notifications.events import both
from workflows.notifications.models import Delivery, Notice, Notification
from workflows.notifications.services import notification_send, preferences_save

from .conftest import ready_tasks, work

pytestmark = pytest.mark.django_db

CONTEXT = {
    "reference": "FT-1",
    "site": both("天河机房", "Tianhe Room"),
    "level": 1,
    "text": "基站退服",
}


def send(recipients, company, event=events.FAULT_DISPATCHED, **extra):
    notification_send(
        event=event,
        recipients=recipients,
        context=CONTEXT,
        company_id=getattr(company, "pk", company),
        link="/requests/1/",
        **extra,
    )


def test_sent_once_after_commit(
    engineer_a, company_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as hooks:
        with transaction.atomic():
            send([engineer_a, engineer_a.pk], company_a)
            assert not Notice.objects.exists()  # nothing before the commit
    assert len(hooks) >= 1
    assert Notification.objects.filter(user=engineer_a).count() == 1
    assert Delivery.objects.filter(channel="email", user=engineer_a).count() == 1
    assert ready_tasks().count() == 1


def test_nothing_on_rollback(engineer_a, company_a, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError):
            with transaction.atomic():
                send([engineer_a], company_a)
                raise RuntimeError("the transition failed")
    assert not Notice.objects.exists() and not Delivery.objects.exists()
    assert not ready_tasks().exists()


def test_never_to_another_company(
    engineer_a,
    manager_b,
    carrier_admin,
    company_a,
    make_user,
    django_capture_on_commit_callbacks,
):
    nobody = make_user(username="no_company_no_role")
    with django_capture_on_commit_callbacks(execute=True):
        send([engineer_a, manager_b, carrier_admin, nobody], company_a)
    told = set(Notification.objects.values_list("user__username", flat=True))
    assert told == {"engineer_a", "carrier_admin"}
    assert not Delivery.objects.filter(user=manager_b).exists()


def test_a_carrier_notice_reaches_no_contractor(
    engineer_a, carrier_admin, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        send([engineer_a, carrier_admin], None)
    assert list(Notification.objects.values_list("user__username", flat=True)) == [
        "carrier_admin"
    ]


def test_mail_in_the_readers_language(
    engineer_a, make_user, company_a, django_capture_on_commit_callbacks
):
    english = make_user(Role.CONTRACTOR_ENGINEER, company_a, username="eng_en")
    profile = UserProfile.get_for_user(english)
    profile.preferred_language = "en"
    profile.save()
    with django_capture_on_commit_callbacks(execute=True):
        send([engineer_a, english], company_a)
    assert work() == 2
    by_address = {message.to[0]: message for message in mail.outbox}
    chinese = by_address["engineer_a@example.com"]
    assert chinese.subject == "故障工单已派到本公司"
    assert "故障工单 FT-1，1 级，天河机房：基站退服" in chinese.body
    assert "http://127.0.0.1:8000/requests/1/" in chinese.body
    assert by_address["eng_en@example.com"].subject == (
        "Fault ticket dispatched to my company"
    )
    assert (
        "Fault ticket FT-1, level 1 at Tianhe Room"
        in by_address["eng_en@example.com"].body
    )
    assert set(Delivery.objects.values_list("status", flat=True)) == {"sent"}


def test_users_choose_what_is_mailed(
    engineer_a, company_a, django_capture_on_commit_callbacks
):
    preferences_save(
        user=engineer_a,
        choices={events.FAULT_DISPATCHED: False, events.INSPECTION_FINDING: True},
    )
    with django_capture_on_commit_callbacks(execute=True):
        send([engineer_a], company_a)
        finding = {"site": "天河机房", "company": "华南", "text": "温度过高"}
        notification_send(
            event=events.INSPECTION_FINDING,
            recipients=[engineer_a],
            context=finding,
            company_id=company_a.pk,
        )
    assert Notification.objects.filter(user=engineer_a).count() == 2  # both listed
    mailed = Delivery.objects.filter(channel="email").values_list(
        "notice__event", flat=True
    )
    assert list(mailed) == [events.INSPECTION_FINDING]


def test_defaults_mail_urgent_events_only(
    engineer_a, company_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        send([engineer_a], company_a)
        send([engineer_a], company_a, event=events.TASK_ASSIGNED)
    mailed = Delivery.objects.filter(channel="email").values_list(
        "notice__event", flat=True
    )
    assert list(mailed) == [events.FAULT_DISPATCHED]


def test_an_unknown_event_is_refused(engineer_a, company_a):
    with pytest.raises(ValueError):
        send([engineer_a], company_a, event="nothing.happened")
