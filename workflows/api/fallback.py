"""What the API answers outside its operations, in its one error shape.

Ninja answers a wrong method with a bare ``405`` and Django an unknown
``/api/v1/...`` address with the portal's HTML 404 page: callers of the API get
``{"detail", "errors"}`` for both, in their language.
"""

from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt

from .app import error_response

NO_OPERATION = _("There is no such operation in this API.")
METHOD_NOT_ALLOWED = _("This operation does not take the %(method)s method.")


@csrf_exempt  # it changes nothing; a POST to a wrong address is told so
def unknown_operation(request, rest=""):
    """The last ``/api/v1/`` route: every address no operation matched."""
    return error_response(request, 404, str(NO_OPERATION))


class ApiMethodNotAllowedMiddleware:
    """A ``405`` from ninja becomes the API's error (``Allow`` kept)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 405 and request.path.startswith("/api/"):
            detail = METHOD_NOT_ALLOWED % {"method": request.method}
            answer = error_response(request, 405, str(detail))
            if response.has_header("Allow"):
                answer["Allow"] = response["Allow"]
            return answer
        return response
