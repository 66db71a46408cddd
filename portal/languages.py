"""The user's language, chosen once and kept on their profile across devices.

Wagtail's ``UserProfile.preferred_language`` holds it: the Wagtail admin reads
it on every admin view; the portal reads it here. On login it is copied into
the session (so no page pays a query for it) and activated on every request
after that, whatever the browser's cookie says; a user who never chose one
gets the browser's (cookie, then Accept-Language, then zh-hans). The language
switch in the header saves the choice to the profile when logged in;
so does the Wagtail admin's "Account" page.
"""

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.utils import translation
from django.views.i18n import set_language as django_set_language

SESSION_KEY = "portal_language"
LANGUAGE_CODES = {code for code, _name in settings.LANGUAGES}


def profile_language(user) -> str:
    """The language stored on ``user``'s profile, or ``""``."""
    from wagtail.users.models import UserProfile

    language = (
        UserProfile.objects.filter(user=user)
        .values_list("preferred_language", flat=True)
        .first()
    )
    return language if language in LANGUAGE_CODES else ""


def profile_language_save(user, language: str) -> None:
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(user)
    if profile.preferred_language != language:
        profile.preferred_language = language
        profile.save(update_fields=["preferred_language"])


@receiver(user_logged_in, dispatch_uid="portal_language_on_login")
def _language_on_login(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    language = profile_language(user)
    if language:
        request.session[SESSION_KEY] = language


def set_language(request):
    """Django's ``set_language``, which also saves the choice on the profile."""
    response = django_set_language(request)
    language = request.POST.get("language", "")
    if (
        request.method == "POST"
        and language in LANGUAGE_CODES
        and request.user.is_authenticated
    ):
        profile_language_save(request.user, language)
        request.session[SESSION_KEY] = language
    return response


class UserLanguageMiddleware:
    """Activates the logged-in user's language (after the auth middleware)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = None
        if request.user.is_authenticated:
            language = request.session.get(SESSION_KEY)
        if language in LANGUAGE_CODES:
            translation.activate(language)
            request.LANGUAGE_CODE = language
        response = self.get_response(request)
        if request.user.is_authenticated and _saved_admin_account(request, response):
            # The Wagtail admin's account page may have changed it.
            language = profile_language(request.user)
            if language:
                request.session[SESSION_KEY] = language
        if language in LANGUAGE_CODES and (
            request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) != language
        ):
            # The browser remembers it too, for the login page after logout.
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                language,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                path=settings.LANGUAGE_COOKIE_PATH,
                domain=settings.LANGUAGE_COOKIE_DOMAIN,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            )
        return response


def _saved_admin_account(request, response) -> bool:
    match = getattr(request, "resolver_match", None)
    return (
        request.method == "POST"
        and match is not None
        and match.url_name == "wagtailadmin_account"
        and response.status_code in (200, 302)
    )
