"""Bodies over the limit are refused before they are read, under WSGI and ASGI."""

import pytest
from channels.testing import ApplicationCommunicator
from django.core.asgi import get_asgi_application
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import (
    MemoryFileUploadHandler,
    TemporaryFileUploadHandler,
)
from django.test import Client, RequestFactory

from portal.settings.base import nginx_size
from portal.uploads import BodySizeLimitUploadHandler, RequestBodyLimit
from tests.workflows.api_clients import API, bearer, post_json

pytestmark = pytest.mark.django_db

LIMIT = 20_000
BIG = b"x" * (3 * LIMIT)
FORM = "/accounts/login/"


@pytest.fixture(autouse=True)
def small_limit(settings):
    settings.REQUEST_MAX_BODY_SIZE = LIMIT


@pytest.fixture
def nothing_spooled(monkeypatch):
    """Fails the test if any file handler is handed a byte of an upload."""
    received = []

    def spy(self, raw_data, start):
        received.append(len(raw_data))
        return raw_data

    for handler in (MemoryFileUploadHandler, TemporaryFileUploadHandler):
        monkeypatch.setattr(handler, "receive_data_chunk", spy)
    yield
    assert received == []


@pytest.mark.parametrize(
    ("language", "message"),
    [("zh-hans", "请求过大"), ("en", "The request is too large: at most 19.5")],
)
def test_a_form_upload_over_the_limit_gets_a_translated_413(
    nothing_spooled, language, message
):
    upload = SimpleUploadedFile("plan.pdf", BIG)

    response = Client().post(
        FORM, {"file": upload, "username": "x"}, HTTP_ACCEPT_LANGUAGE=language
    )

    assert response.status_code == 413
    assert message in response.content.decode()


def test_a_form_upload_under_the_limit_is_read(settings):
    settings.REQUEST_MAX_BODY_SIZE = 10 * LIMIT
    upload = SimpleUploadedFile("plan.pdf", BIG)

    response = Client().post(FORM, {"file": upload, "username": "x"})

    assert response.status_code == 200


def post_reason(user, length: int):
    """A JSON body of about ``length`` bytes to an endpoint that reads one."""
    data = {"reason": "x" * length}
    return post_json(
        bearer(user), f"{API}/staff-changes", data, HTTP_ACCEPT_LANGUAGE="en"
    )


def test_the_api_answers_413_in_its_error_shape(manager_a):
    response = post_reason(manager_a, LIMIT)

    assert response.status_code == 413
    assert response.json()["detail"].startswith("The request is too large")
    assert response.json()["errors"] == {}


def test_the_api_answers_a_json_body_over_django_limit_413(settings, manager_a):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = LIMIT // 4

    response = post_reason(manager_a, LIMIT // 2)

    assert response.status_code == 413
    assert response.json() == {
        "detail": "The request body is too large.",
        "errors": {},
    }


def test_the_upload_handler_stops_before_any_file_handler(nothing_spooled):
    request = RequestFactory().post(FORM, {"file": SimpleUploadedFile("a.pdf", BIG)})
    request.upload_handlers = [
        BodySizeLimitUploadHandler(request),
        MemoryFileUploadHandler(request),
        TemporaryFileUploadHandler(request),
    ]

    assert dict(request.FILES) == {}
    assert getattr(request, "portal.body_refused") is True


def http_scope(headers=()):
    return {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": FORM,
        "raw_path": FORM.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [(b"host", b"127.0.0.1"), *headers],
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 8830),
    }


async def refused_under_asgi(headers, chunks: int):
    """Send ``chunks`` chunks of LIMIT / 2 bytes; return (status, chunks unread)."""
    app = RequestBodyLimit(get_asgi_application())
    communicator = ApplicationCommunicator(app, http_scope(headers))
    for _ in range(chunks):
        chunk = b"y" * (LIMIT // 2)
        await communicator.send_input(
            {"type": "http.request", "body": chunk, "more_body": True}
        )
    start = await communicator.receive_output(timeout=10)
    await communicator.receive_output(timeout=10)  # the body
    unread = communicator.input_queue.qsize()
    await communicator.send_input({"type": "http.disconnect"})
    await communicator.wait(timeout=5)
    return start["status"], unread


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_asgi_refuses_a_declared_length_reading_nothing():
    length = (b"content-length", str(20 * LIMIT).encode())
    status, unread = await refused_under_asgi([length], chunks=40)

    assert status == 413
    assert unread == 40


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_asgi_stops_reading_a_streamed_body_at_the_limit():
    status, unread = await refused_under_asgi([], chunks=40)

    assert status == 413
    assert unread == 40 - 3  # read two halves and one over: then stopped


@pytest.mark.parametrize(
    ("value", "size"), [("50m", 50 * 2**20), ("512K", 512 * 2**10), ("1000", 1000)]
)
def test_the_limit_reads_nginx_sizes(value, size):
    assert nginx_size(value) == size
