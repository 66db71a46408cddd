"""Clients of the JSON API as its two kinds of caller use it."""

import json

from django.conf import settings
from django.db import connection
from django.middleware.csrf import get_token
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import APIToken

API = "/api/v1"


def bearer(user) -> Client:
    """A script holding a Wagtail API token issued to ``user``."""
    _, plaintext = APIToken.create_token(user=user, name="test")
    return Client(HTTP_AUTHORIZATION=f"Bearer {plaintext}")


def csrf_session(user) -> Client:
    """A logged-in page's script: session cookie, CSRF enforced, token in a header."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    request = RequestFactory().get("/")
    client.defaults["HTTP_X_CSRFTOKEN"] = get_token(request)
    client.cookies[settings.CSRF_COOKIE_NAME] = request.META["CSRF_COOKIE"]
    return client


def post_json(client, url, data, **headers):
    return client.post(
        url, json.dumps(data), content_type="application/json", **headers
    )


def list_queries(client, url, rows: int) -> int:
    """Queries one GET of a list takes (after a first one fills process caches)."""
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        body = client.get(url).json()
    assert body["count"] == len(body["items"]) == rows
    return len(queries)
