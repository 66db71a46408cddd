"""Group webhooks in the CMS: superusers only; the events as boxes."""

import pytest
from django.contrib.auth.models import Group

from registry.roles import Role
from workflows.notifications import events
from workflows.notifications.models import Webhook

pytestmark = pytest.mark.django_db
ADD = "/admin/snippets/notifications/webhook/add/"


def test_a_superuser_adds_a_webhook(client_for, make_user, company_a):
    admin = make_user(username="root", is_superuser=True, is_staff=True)
    client = client_for(admin)
    page = client.get(ADD, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert page.status_code == 200
    assert "企业微信群机器人" in page.content.decode()
    response = client.post(
        ADD,
        {
            "name": "华南值班群",
            "group": Group.objects.get(name=Role.CONTRACTOR_ENGINEER).pk,
            "company": company_a.pk,
            "kind": "wecom",
            "url": "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc",
            "language": "zh-hans",
            "events": [events.FAULT_DISPATCHED, events.FAULT_ESCALATED],
            "enabled": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    hook = Webhook.objects.get()
    assert hook.events == [events.FAULT_DISPATCHED, events.FAULT_ESCALATED]
    listing = client.get("/admin/snippets/notifications/webhook/").content.decode()
    assert "华南值班群" in listing and "key=abc" not in listing


def test_no_event_chosen_is_refused(client_for, make_user):
    admin = make_user(username="root", is_superuser=True, is_staff=True)
    response = client_for(admin).post(
        ADD,
        {
            "name": "x",
            "group": Group.objects.get(name=Role.CARRIER_ADMIN).pk,
            "kind": "dingtalk",
            "url": "https://oapi.dingtalk.com/robot/send?access_token=t",
            "language": "en",
        },
    )
    assert response.status_code == 200
    assert not Webhook.objects.exists()


@pytest.mark.parametrize("role", [Role.CARRIER_ADMIN, Role.CONTRACTOR_MANAGER])
def test_nobody_else_sees_webhooks(role, client_for, make_user):
    user = make_user(role, username="someone")
    response = client_for(user).get("/admin/snippets/notifications/webhook/")
    assert response.status_code in (302, 403)
