"""The request id: taken from the proxy or made, answered, on every log line."""

import logging
import re

import pytest
from channels.testing import HttpCommunicator

from portal.asgi import application
from portal.request_id import RequestIdFilter
from portal.serve import daphne_args

pytestmark = pytest.mark.django_db


def test_the_proxys_request_id_is_kept_and_answered(client):
    response = client.get(
        "/healthz", HTTP_X_REQUEST_ID="0f3c9a7e5b2d4c1a9e8f7d6c5b4a3921"
    )

    assert response["X-Request-ID"] == "0f3c9a7e5b2d4c1a9e8f7d6c5b4a3921"


@pytest.mark.parametrize("given", [None, "short", "has space in it", "x" * 65])
def test_without_a_plain_id_from_the_proxy_the_portal_makes_one(client, given):
    headers = {"HTTP_X_REQUEST_ID": given} if given else {}

    first = client.get("/healthz", **headers)["X-Request-ID"]
    second = client.get("/healthz", **headers)["X-Request-ID"]

    assert re.fullmatch(r"[0-9a-f]{32}", first)
    assert first != second


class Records(logging.Handler):
    def __init__(self):
        super().__init__()
        self.addFilter(RequestIdFilter())
        self.records = []

    def emit(self, record):
        self.records.append(record)


@pytest.fixture
def records():
    handler = Records()
    logging.getLogger().addHandler(handler)
    yield handler.records
    logging.getLogger().removeHandler(handler)


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_log_lines_of_a_sync_view_under_asgi_carry_the_id(records, caplog):
    """Django runs the page tree's sync view on another thread: its 404 line
    and the access line both name the request."""
    caplog.set_level(logging.INFO, logger="portal.access")
    headers = [(b"host", b"127.0.0.1"), (b"x-request-id", b"proxy-id-5678")]
    communicator = HttpCommunicator(application, "GET", "/nope/", headers=headers)

    response = await communicator.get_response(timeout=10)

    assert response["status"] == 404
    assert (b"X-Request-ID", b"proxy-id-5678") in response["headers"]
    lines = {(r.name, r.request_id) for r in records if "/nope/" in r.getMessage()}
    assert lines == {
        ("django.request", "proxy-id-5678"),
        ("portal.access", "proxy-id-5678"),
    }


@pytest.mark.parametrize(
    "value, target", [("1", "-"), ("true", "-"), ("0", "/dev/null"), ("", "/dev/null")]
)
def test_daphnes_access_log_is_on_or_off_by_a_variable(value, target):
    argv = ["-b", "127.0.0.1", "-p", "8840", "portal.asgi:application"]

    args = daphne_args(argv, {"DAPHNE_ACCESS_LOG": value})

    assert args == ["--access-log", target, *argv]


def test_an_explicit_access_log_option_wins():
    argv = ["--access-log", "/var/log/daphne.log", "portal.asgi:application"]

    assert daphne_args(argv, {"DAPHNE_ACCESS_LOG": "1"}) == argv
