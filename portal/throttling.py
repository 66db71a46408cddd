"""Login throttling (django-axes): what a locked-out login, page or script sees.

Failures count per user name and IP address together (``AXES_LOCKOUT_PARAMETERS``),
so one guesser does not lock a whole office behind one address out. The login
pages (``/accounts/login/``, ``/admin/login/``) and failed API tokens
(``workflows/api/auth.py``) count alike; a lockout ends after
``AXES_COOLOFF_TIME`` or when an admin deletes it under Settings → Locked-out
logins (``portal/wagtail_hooks.py``) or runs ``manage.py axes_reset_username``.
"""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .refusals import refusal_response

LOCKED_OUT = _(
    "Too many failed logins. Try again in %(minutes)d minutes, or ask an "
    "administrator to unlock the account."
)
LOCKED_OUT_TITLE = _("Login locked")


def lockout_message() -> str:
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return LOCKED_OUT % {"minutes": minutes}


def lockout_response(request, original_response=None, credentials=None):
    """``AXES_LOCKOUT_CALLABLE``: JSON for the API, the portal's page otherwise."""
    return refusal_response(
        request,
        settings.AXES_HTTP_RESPONSE_CODE,
        LOCKED_OUT_TITLE,
        lockout_message(),
    )
