"""A request id on every log line of a request and in its answer.

The proxy's ``X-Request-ID`` is kept when it looks like an id (nginx's
``$request_id`` does); otherwise, or without one, the portal makes one. It
rides in a context variable, so code the request runs on another thread
(Django's sync views under ASGI) logs it too. Not django-guid: that library
takes only UUID4s from the proxy (``$request_id`` is 32 random hex digits,
rarely a valid UUID4) or, switched off, any header value unchecked.
"""

import logging
import re
import time
import uuid
from contextvars import ContextVar

from asgiref.sync import iscoroutinefunction, markcoroutinefunction
from django.core.signals import request_finished
from django.dispatch import receiver

HEADER = "X-Request-ID"
NONE = "-"
_ACCEPTED = re.compile(r"[A-Za-z0-9._:-]{8,64}")
request_id: ContextVar[str] = ContextVar("request_id", default=NONE)
access = logging.getLogger("portal.access")


def request_id_for(request) -> str:
    """The proxy's id if it is a plain token; a fresh one otherwise."""
    given = request.headers.get(HEADER, "")
    return given if _ACCEPTED.fullmatch(given) else uuid.uuid4().hex


class RequestIdMiddleware:
    """Tags the request's log lines and answer; logs one access line."""

    sync_capable = async_capable = True

    def __init__(self, get_response):
        self.get_response = get_response
        if iscoroutinefunction(get_response):
            markcoroutinefunction(self)

    def __call__(self, request):
        if iscoroutinefunction(self):
            return self._acall(request)
        began = self._begin(request)
        return self._end(request, self.get_response(request), began)

    async def _acall(self, request):
        began = self._begin(request)
        return self._end(request, await self.get_response(request), began)

    @staticmethod
    def _begin(request) -> float:
        # Not reset on the way out: Django logs a 4xx/5xx answer after the
        # middleware returned it. Under ASGI each request has its own context;
        # a WSGI thread is cleared when its request finishes.
        request.request_id = request_id_for(request)
        request_id.set(request.request_id)
        return time.perf_counter()

    @staticmethod
    def _end(request, response, began):
        response[HEADER] = request.request_id
        if request.path != "/healthz":  # the proxy asks every few seconds
            access.info(
                "%s %s %s %s %.1fms",
                request.META.get("REMOTE_ADDR", "-"),
                request.method,
                request.get_full_path(),
                response.status_code,
                (time.perf_counter() - began) * 1000,
            )
        return response


@receiver(request_finished)
def _request_finished(**kwargs) -> None:
    request_id.set(NONE)


class RequestIdFilter(logging.Filter):
    """Puts the current request's id (``-`` outside a request) on a record."""

    def filter(self, record):
        record.request_id = request_id.get()
        return True


class OneLineFormatter(logging.Formatter):
    """One event, one line: a traceback's line breaks are escaped."""

    def format(self, record):
        return super().format(record).replace("\n", "\\n")
