"""Query values Wagtail's admin would turn into a 500, refused with a 400 first.

Wagtail's page finder (``/admin/api/main/pages/find/?id=``) and multiple page
chooser (``/admin/choose-page/chosen-multiple/?id=``) pass each ``id`` to the
database unchecked: ``?id=²`` raises ``ValueError``, a number beyond 64 bits
``OverflowError``. Every ``id`` an admin URL is sent must be a database id.
"""

from django.http import HttpResponseBadRequest
from django.utils.translation import gettext_lazy as _

from workflows.api.fields import MAX_ID

ADMIN_PREFIX = "/admin/"
BAD_ID = _("Each id must be a whole number from 1 to %(max)s.")


def is_database_id(value: str) -> bool:
    return value.isascii() and value.isdigit() and 0 < int(value) <= MAX_ID


class AdminIdGuardMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(ADMIN_PREFIX) and not all(
            is_database_id(value) for value in request.GET.getlist("id")
        ):
            message = BAD_ID % {"max": MAX_ID}
            return HttpResponseBadRequest(message, content_type="text/plain")
        return self.get_response(request)
