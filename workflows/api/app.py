"""The JSON API at ``/api/v1/``: token (Wagtail API tokens) or session auth.

Errors, all as ``{"detail": ..., "errors": ...}``: 404 for anything outside the
user's company, 403 for a step the user may not take, 409 for a task no longer
open, 413 for a body over the limit, 422 with field messages (in the request's
language) for invalid input, 429 while a client is locked out (portal.throttling).
"""

from django.core.exceptions import (
    PermissionDenied,
    RequestDataTooBig,
    ValidationError,
)
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError
from ninja.security import django_auth

from ..services import TaskConflict
from .auth import ThrottledBearerTokenAuth

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
    return error_response(request, 422, _("The request is not valid."), errors)


@api.exception_handler(TaskConflict)
def task_conflict(request, exc: TaskConflict):
    return error_response(request, 409, str(exc))


@api.exception_handler(PermissionDenied)
def forbidden(request, exc: PermissionDenied):
    return error_response(request, 403, str(exc) or _("You may not do this."))


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
    return error_response(request, 401, _("Log in or send an API token."))


def _mount_routers() -> None:
    from ..leave.api import router as leave_router
    from ..staff_change.api import router as staff_change_router
    from ..temp_lead.api import router as temp_lead_router
    from .me import router as me_router
    from .tasks import router as tasks_router

    api.add_router("/", me_router)
    api.add_router("/tasks", tasks_router)
    api.add_router("/staff-changes", staff_change_router)
    api.add_router("/leave", leave_router)
    api.add_router("/temp-leads", temp_lead_router)


_mount_routers()
