"""Logging in and out with the portal's own templates, CSRF enforced."""

import pytest
from django.test import Client

from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


def test_login_page_renders_our_template(client):
    response = client.get(LOGIN)

    assert response.status_code == 200
    templates = [t.name for t in response.templates]
    assert "accounts/login.html" in templates
    assert "registration/login.html" not in templates


def test_login_with_the_right_password_goes_home(client, manager_a):
    response = client.post(LOGIN, {"username": "manager_a", "password": TEST_PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.session["_auth_user_id"] == str(manager_a.pk)


def test_login_follows_next(client, manager_a):
    response = client.post(
        f"{LOGIN}?next=/registry/staff/",
        {
            "username": "manager_a",
            "password": TEST_PASSWORD,
            "next": "/registry/staff/",
        },
    )

    assert response["Location"] == "/registry/staff/"


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("zh-hans", "请输入一个正确的用户名和密码"),
        ("en", "Please enter a correct username and password"),
    ],
)
def test_wrong_password_shows_translated_error(client, manager_a, language, message):
    response = client.post(
        LOGIN,
        {"username": "manager_a", "password": "wrong"},
        HTTP_ACCEPT_LANGUAGE=language,
    )

    assert response.status_code == 200
    assert message in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_logout_by_post_ends_the_session(client_for, manager_a):
    client = client_for(manager_a)

    response = client.post("/accounts/logout/")

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert "_auth_user_id" not in client.session


def test_logout_by_get_is_refused(client_for, manager_a):
    client = client_for(manager_a)

    assert client.get("/accounts/logout/").status_code == 405
    assert client.session["_auth_user_id"] == str(manager_a.pk)


def test_login_without_csrf_token_is_forbidden(manager_a):
    client = Client(enforce_csrf_checks=True)

    response = client.post(
        LOGIN,
        {"username": "manager_a", "password": TEST_PASSWORD},
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 403
    assert "Form expired" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_login_with_csrf_token_succeeds(manager_a):
    client = Client(enforce_csrf_checks=True)
    client.get(LOGIN)
    token = client.cookies["csrftoken"].value

    response = client.post(
        LOGIN,
        {
            "username": "manager_a",
            "password": TEST_PASSWORD,
            "csrfmiddlewaretoken": token,
        },
    )

    assert response.status_code == 302


def test_logged_in_user_visiting_login_is_sent_home(client_for, manager_a):
    response = client_for(manager_a).get(LOGIN)

    assert response.status_code == 302
    assert response["Location"] == "/"
