"""My notifications: listed in my language, marked read, counted in the
header and live; my choices; nobody else's rows."""

import asyncio
import re

import pytest
from asgiref.sync import async_to_sync
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from workflows.notifications import events
from workflows.notifications.models import Notification, Preference
from workflows.notifications.services import UNREAD

from ...registry.test_import_background import Listener
from .test_send import send

pytestmark = pytest.mark.django_db
LIST = "/notifications/"


def notify(user, company, times=1, captures=None):
    with captures(execute=True):
        for _ in range(times):
            send([user], company)


@pytest.fixture
def captured(django_capture_on_commit_callbacks):
    return django_capture_on_commit_callbacks


def test_the_list_in_both_languages_and_the_header_count(
    engineer_a, company_a, client_for, captured
):
    notify(engineer_a, company_a, times=2, captures=captured)
    client = client_for(engineer_a)
    zh = client.get(LIST, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "故障工单 FT-1，1 级，天河机房：基站退服" in zh
    assert "data-unread-badge>2</span>" in zh
    assert zh.count("data-unread") >= 3  # two rows and the badge
    en = client.get(LIST, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Fault ticket FT-1, level 1 at Tianhe Room: 基站退服" in en
    assert "Mark all read" in en


def test_mark_one_then_all_read(engineer_a, company_a, client_for, captured):
    notify(engineer_a, company_a, times=3, captures=captured)
    client = client_for(engineer_a)
    first = Notification.objects.filter(user=engineer_a).first()
    with captured(execute=True):
        response = client.post(reverse("notifications:read"), {"id": first.pk})
    assert response.status_code == 302
    assert Notification.objects.filter(user=engineer_a, read_at=None).count() == 2
    with captured(execute=True):
        client.post(reverse("notifications:read"), {"all": "1"})
    assert not Notification.objects.filter(user=engineer_a, read_at=None).exists()
    page = client.get(LIST, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "data-unread-badge>0</span>" in page


def test_the_count_goes_live_to_my_sockets(
    engineer_a, company_a, django_capture_on_commit_callbacks
):
    listener = Listener(engineer_a)
    with django_capture_on_commit_callbacks(execute=True):
        send([engineer_a], company_a)

    async def first():
        return await asyncio.wait_for(listener.layer.receive(listener.channel), 2)

    assert async_to_sync(first)()[UNREAD] == {"unread": 1}


def test_anothers_notification_is_a_404(
    engineer_a, manager_a, company_a, client_for, captured
):
    notify(engineer_a, company_a, captures=captured)
    theirs = Notification.objects.get(user=engineer_a)
    client = client_for(manager_a)
    assert (
        client.post(reverse("notifications:read"), {"id": theirs.pk}).status_code == 404
    )
    for bad in ("x", "", str(2**70)):
        assert (
            client.post(reverse("notifications:read"), {"id": bad}).status_code == 404
        )
    open_url = reverse("notifications:open", args=[theirs.pk])
    assert client.post(open_url).status_code == 404
    client.post(reverse("notifications:read"), {"all": "1"})
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_opening_one_marks_it_read_and_goes_to_its_page(
    engineer_a, company_a, client_for, captured
):
    notify(engineer_a, company_a, captures=captured)
    row = Notification.objects.get(user=engineer_a)
    response = client_for(engineer_a).post(reverse("notifications:open", args=[row.pk]))
    assert response["Location"] == "/requests/1/"
    row.refresh_from_db()
    assert row.read_at is not None


def test_the_list_costs_the_same_for_few_and_many(
    engineer_a, company_a, client_for, captured
):
    client = client_for(engineer_a)
    counts = []
    for times in (3, 27):
        notify(engineer_a, company_a, times=times, captures=captured)
        client.get(LIST)  # warm the per-process caches (rules)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(LIST)
        counts.append(len(queries))
    assert response.content.decode().count("data-notification=") == 30
    assert counts[0] == counts[1], counts


def test_preferences_page_saves_my_choices(engineer_a, client_for):
    client = client_for(engineer_a)
    page = client.get(reverse("notifications:preferences"), HTTP_ACCEPT_LANGUAGE="en")
    text = page.content.decode()
    assert "Fault ticket dispatched to my company" in text
    boxes = dict(re.findall(r'name="([a-z._]+)" id="[^"]+"( checked)?', text))
    assert boxes[events.FAULT_DISPATCHED] == " checked"  # mailed by default
    assert boxes[events.INSPECTION_FINDING] == ""  # opt-in
    response = client.post(
        reverse("notifications:preferences"), {events.INSPECTION_FINDING: "on"}
    )
    assert response.status_code == 302
    chosen = dict(
        Preference.objects.filter(user=engineer_a).values_list("event", "email")
    )
    assert chosen[events.INSPECTION_FINDING] is True
    assert chosen[events.FAULT_DISPATCHED] is False
    assert len(chosen) == len(events.EVENTS)


def test_pages_need_a_login(client_for):
    for url in (LIST, reverse("notifications:preferences")):
        assert client_for(None).get(url).status_code == 302
