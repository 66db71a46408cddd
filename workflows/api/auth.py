"""API tokens, throttled like the login pages: a wrong token counts as a failure.

Token failures count under one user name no account can have (Django user
names allow no ``<``), per client IP address; once locked out, even a valid
token is refused until the cool-off ends or an admin unlocks it, and
``AxesMiddleware`` turns the refusal into the portal's JSON 429.
"""

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_credentials
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.signals import user_login_failed
from wagtail.api.v3.auth import BearerTokenAuth

TOKEN_USERNAME = "<api-token>"


class ThrottledBearerTokenAuth(BearerTokenAuth):
    def authenticate(self, request, token: str):
        if not settings.AXES_ENABLED:
            return super().authenticate(request, token)
        credentials = get_credentials(TOKEN_USERNAME)
        if not AxesProxyHandler.is_allowed(request, credentials):
            request.user = AnonymousUser()
            request.axes_locked_out = True
            request.axes_credentials = credentials
            return None
        api_token = super().authenticate(request, token)
        if api_token is None:
            user_login_failed.send(
                sender=type(self), credentials=credentials, request=request
            )
        return api_token
