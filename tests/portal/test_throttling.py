"""Login throttling: the login pages and API tokens lock out per user and address."""

import pytest
from axes.models import AccessAttempt
from django.test import Client
from wagtail.models import APIToken

from tests.factories import TEST_PASSWORD
from tests.workflows.api_clients import API

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
ADMIN_LOGIN = "/admin/login/"
UNLOCK = "/admin/locked_out_logins/"
LIMIT = 3


@pytest.fixture(autouse=True)
def axes_on(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = LIMIT


def fail_logins(client, url, username, times=LIMIT):
    return [
        client.post(url, {"username": username, "password": "wrong"})
        for _ in range(times)
    ]


def log_in(client, url, username, **headers):
    return client.post(
        url, {"username": username, "password": TEST_PASSWORD}, **headers
    )


@pytest.mark.parametrize("url", [LOGIN, ADMIN_LOGIN])
def test_failed_logins_lock_out_even_the_right_password(url, carrier_admin):
    client = Client()

    responses = fail_logins(client, url, "carrier_admin")
    locked = log_in(client, url, "carrier_admin")

    assert [r.status_code for r in responses] == [200] * (LIMIT - 1) + [429]
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("zh-hans", "登录失败次数过多"),
        ("en", "Too many failed logins. Try again in 15"),
    ],
)
def test_lockout_message_is_translated(manager_a, language, message):
    client = Client()
    fail_logins(client, LOGIN, "manager_a")

    response = log_in(client, LOGIN, "manager_a", HTTP_ACCEPT_LANGUAGE=language)

    assert message in response.content.decode()


def test_lockout_holds_for_that_user_at_that_address_only(manager_a, manager_b):
    fail_logins(Client(), LOGIN, "manager_a")

    elsewhere = log_in(Client(REMOTE_ADDR="10.9.8.7"), LOGIN, "manager_a")
    other_user = log_in(Client(), LOGIN, "manager_b")

    assert elsewhere.status_code == 302
    assert other_user.status_code == 302


def test_wrong_api_tokens_lock_out_that_address(manager_a):
    _, good = APIToken.create_token(user=manager_a, name="script")
    for _ in range(LIMIT - 1):
        wrong = Client(HTTP_AUTHORIZATION="Bearer not-a-token").get(f"{API}/me")
        assert wrong.status_code == 401

    locking = Client(HTTP_AUTHORIZATION="Bearer still-wrong").get(f"{API}/me")
    refused = Client(HTTP_AUTHORIZATION=f"Bearer {good}").get(
        f"{API}/me", HTTP_ACCEPT_LANGUAGE="en"
    )
    elsewhere = Client(HTTP_AUTHORIZATION=f"Bearer {good}", REMOTE_ADDR="10.9.8.7").get(
        f"{API}/me"
    )

    assert locking.status_code == refused.status_code == 429
    assert refused.json() == {
        "detail": (
            "Too many failed logins. Try again in 15 minutes, or ask an "
            "administrator to unlock the account."
        ),
        "errors": {},
    }
    assert elsewhere.status_code == 200


def test_admin_unlocks_a_locked_out_login(client_for, carrier_admin, manager_a):
    fail_logins(Client(), LOGIN, "manager_a")
    attempt = AccessAttempt.objects.get(username="manager_a")
    admin = client_for(carrier_admin)

    listing = admin.get(UNLOCK)
    unlocked = admin.post(f"{UNLOCK}delete/{attempt.pk}/")

    assert listing.status_code == 200
    assert "manager_a" in listing.content.decode()
    assert unlocked.status_code == 302
    assert not AccessAttempt.objects.exists()
    assert log_in(Client(), LOGIN, "manager_a").status_code == 302


def test_contractors_cannot_unlock(client_for, manager_a):
    assert client_for(manager_a).get(UNLOCK).status_code in (302, 403)
