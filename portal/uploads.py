"""Request bodies over ``REQUEST_MAX_BODY_SIZE`` are refused before they are read.

The first guard is nginx's ``client_max_body_size``, set from the same
``DAIWEI_MAX_BODY_SIZE``: Daphne (Twisted) writes a body over 100 KB to a
temporary file before the application sees any of it, so only the proxy keeps
an oversized body off the disk there (uvicorn hands it over as it arrives).
Then, from the outside in:

- ``RequestBodyLimit`` (ASGI): Django's ASGI handler reads a whole body into a
  temporary file before any middleware runs; this wrapper hands Django no more
  than the limit and flags the request when the client sends more, with or
  without a ``Content-Length``.
- ``BodySizeLimitMiddleware`` (after the session, language and user are
  known; before any view or ``process_view``): a declared
  ``Content-Length`` over the limit, or a flagged request, is answered 413 before
  any view, form or CSRF check reads the body: the API's JSON error shape, a
  translated page elsewhere.
- ``BodySizeLimitUploadHandler`` (first in ``FILE_UPLOAD_HANDLERS``): Django's
  multipart parser stops before the next handler spools a file to disk.

``DATA_UPLOAD_MAX_MEMORY_SIZE`` bounds the fields besides files, as Django does.
"""

import asyncio

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import QueryDict
from django.template.defaultfilters import filesizeformat
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext_lazy as _

from .refusals import refusal_response

TOO_LARGE_TITLE = _("Upload too large")
TOO_LARGE = _(
    "The request is too large: at most %(limit)s can be sent at once. "
    "Send smaller or fewer files."
)
REFUSED = "portal.body_refused"  # the flag, in an ASGI scope and on a request


def body_limit() -> int:
    return settings.REQUEST_MAX_BODY_SIZE


def too_large_message() -> str:
    return TOO_LARGE % {"limit": filesizeformat(body_limit())}


def too_large_response(request):
    return refusal_response(request, 413, TOO_LARGE_TITLE, too_large_message())


def _declared_length(value) -> int:
    try:
        return int(value or 0)
    except ValueError:
        return 0


def _refused(request) -> bool:
    scope = getattr(request, "scope", None) or {}
    return bool(getattr(request, REFUSED, False) or scope.get(REFUSED))


class BodySizeLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        declared = _declared_length(request.META.get("CONTENT_LENGTH"))
        if declared > body_limit() or _refused(request):
            return too_large_response(request)
        response = self.get_response(request)
        if _refused(request):  # the upload handler stopped the body
            return too_large_response(request)
        return response


class BodySizeLimitUploadHandler(FileUploadHandler):
    """Stops a multipart body over the limit; the middleware answers 413."""

    def handle_raw_input(
        self, input_data, META, content_length, boundary, encoding=None
    ):
        self.received = 0
        if content_length > body_limit():
            self._flag()
            # "Handled": nothing is parsed, so nothing is read or written.
            return QueryDict(), MultiValueDict()
        return None

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > body_limit():  # a Content-Length that lied (ASGI)
            self._flag()
            raise StopUpload(connection_reset=True)
        return raw_data

    def file_complete(self, file_size):
        return None

    def _flag(self):
        if self.request is not None:
            setattr(self.request, REFUSED, True)


class RequestBodyLimit:
    """ASGI wrapper of Django's HTTP app: it never reads past the limit.

    Once over, Django is told the body ended (empty) and the request is
    flagged; later reads wait forever, since Django only listens for a
    disconnect then, so the rest of the body is never read.
    """

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = dict(scope.get("headers") or [])
        scope = dict(scope)
        if _declared_length(headers.get(b"content-length")) > body_limit():
            scope[REFUSED] = True
        received, told = 0, False

        async def limited_receive():
            nonlocal received, told
            if scope.get(REFUSED):
                if told:
                    await asyncio.Future()  # never resolves
                told = True
                return {"type": "http.request", "body": b"", "more_body": False}
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > body_limit():
                    scope[REFUSED] = told = True
                    return {"type": "http.request", "body": b"", "more_body": False}
            return message

        return await self.app(scope, limited_receive, send)
