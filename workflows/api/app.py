"""The JSON API at ``/api/v1/``: token (Wagtail API tokens) or session auth.

Errors, every one as ``ErrorOut`` (``{"detail", "errors"}``) in the request's
language and declared per operation in the schema: 401 without a login or
token, 404 for anything outside the user's company, 403 for a step the user
may not take, 409 for a task no longer open or an ``Idempotency-Key`` sent
again with another body, 413 for a body over the limit, 422 with field
messages for invalid input (ninja's schema errors included), 429 while a
client is locked out (portal.throttling), 500 (logged) for a server fault.
"""

import logging

from django.core import signals
from django.core.exceptions import (
    PermissionDenied,
    RequestDataTooBig,
    ValidationError,
)
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as SchemaError
from ninja.security import django_auth

from ..services import TaskConflict
from .auth import ThrottledBearerTokenAuth
from .errors import (
    FORBIDDEN,
    INVALID,
    NOT_JSON,
    SERVER_ERROR,
    UNAUTHENTICATED,
    schema_errors,
)
from .idempotency import KeyReused

logger = logging.getLogger(__name__)

api = NinjaAPI(
    title="Daiwei Portal API",
    version="1",
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs_url="/docs",
    auth=[ThrottledBearerTokenAuth(), django_auth],
)


def error_response(request, status: int, detail: str, errors: dict | None = None):
    """The API's one error shape: ``{"detail": ..., "errors": {field: [...]}}``."""
    return api.create_response(
        request, {"detail": detail, "errors": errors or {}}, status=status
    )


@api.exception_handler(ValidationError)
def validation_failed(request, exc: ValidationError):
    errors = (
        exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    )
    return error_response(request, 422, str(INVALID), errors)


@api.exception_handler(SchemaError)
def schema_invalid(request, exc: SchemaError):
    return error_response(request, 422, str(INVALID), schema_errors(exc.errors))


@api.exception_handler(TaskConflict)
@api.exception_handler(KeyReused)
def conflict(request, exc: Exception):
    return error_response(request, 409, str(exc))


@api.exception_handler(PermissionDenied)
def forbidden(request, exc: PermissionDenied):
    return error_response(request, 403, str(exc) or str(FORBIDDEN))


@api.exception_handler(Http404)
def not_found(request, exc):
    return error_response(request, 404, _("Not found."))


@api.exception_handler(RequestDataTooBig)
def too_large(request, exc):
    """A JSON body over ``DATA_UPLOAD_MAX_MEMORY_SIZE`` (bigger ones never get
    here: ``portal.uploads`` answers them first, in this same shape)."""
    return error_response(request, 413, _("The request body is too large."))


@api.exception_handler(AuthenticationError)
def unauthenticated(request, exc):
    return error_response(request, 401, str(UNAUTHENTICATED))


@api.exception_handler(HttpError)
def http_error(request, exc: HttpError):
    """Ninja's own refusals, worded here: a body it cannot parse, a CSRF failure."""
    if exc.status_code == 400:
        return error_response(request, 422, str(INVALID), {"__all__": [str(NOT_JSON)]})
    return error_response(request, exc.status_code, str(FORBIDDEN))


@api.exception_handler(Exception)
def server_error(request, exc: Exception):
    """Logged and signalled as Django does (the test client re-raises it)."""
    logger.error("API error on %s", request.path, exc_info=exc)
    signals.got_request_exception.send(sender=None, request=request)
    return error_response(request, 500, str(SERVER_ERROR))


def _mount_routers() -> None:
    from ..assessment.api import router as assessment_router
    from ..delegation.api import router as delegation_router
    from ..faults.api import router as faults_router
    from ..inspection.api import router as inspection_router
    from ..inspection.execution_api import router as execution_router
    from ..inspection.finding_api import router as finding_router
    from ..leave.api import router as leave_router
    from ..position.api import router as position_router
    from ..site_access.api import router as site_access_router
    from ..staff_change.api import router as staff_change_router
    from ..temp_lead.api import router as temp_lead_router
    from ..upgrade.api import router as upgrade_router
    from .ledgers import router as ledgers_router
    from .me import router as me_router
    from .tasks import router as tasks_router

    api.add_router("/", me_router)
    api.add_router("/tasks", tasks_router)
    api.add_router("/staff-changes", staff_change_router)
    api.add_router("/leave", leave_router)
    api.add_router("/position-changes", position_router)
    api.add_router("/temp-leads", temp_lead_router)
    api.add_router("/upgrades", upgrade_router)
    api.add_router("/faults", faults_router)
    api.add_router("/site-visits", site_access_router)
    api.add_router("/inspection-plans", inspection_router)
    api.add_router("/inspections", execution_router)
    api.add_router("/inspection-findings", finding_router)
    api.add_router("/ledgers", ledgers_router)
    api.add_router("/assessments", assessment_router)

    api.add_router("/delegation", delegation_router)


_mount_routers()
