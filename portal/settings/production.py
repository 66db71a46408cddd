"""Production behind an HTTPS proxy: refuses to start without what it needs.

Required: ``DJANGO_SECRET_KEY``, ``DJANGO_ALLOWED_HOSTS`` and ``DATABASE_URL``
(a one-box install on SQLite says so with ``DJANGO_ALLOW_SQLITE=true``).
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import DATABASE_URL, LOGGING, env

DEBUG = False
# load_demo refuses to run here without --force.
PORTAL_PRODUCTION = True


def _required(name):
    value = env(name, default="")
    if not value:
        raise ImproperlyConfigured(f"Set the {name} environment variable.")
    return value


SECRET_KEY = _required("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = [h.strip() for h in _required("DJANGO_ALLOWED_HOSTS").split(",")]
# A command run without the service's environment must not quietly open (and
# create) an empty SQLite file beside the code.
if not DATABASE_URL and not env.bool("DJANGO_ALLOW_SQLITE", default=False):
    raise ImproperlyConfigured(
        "Set the DATABASE_URL environment variable "
        "(or DJANGO_ALLOW_SQLITE=true to run on SQLITE_PATH)."
    )

# HTTPS ends at the proxy, which says so in X-Forwarded-Proto (and must
# overwrite any such header a client sent). Plain HTTP is redirected: a login
# over it would set Secure cookies the browser never sends back.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
# The proxy's own checks come over plain HTTP on the loopback.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
# HSTS starts short: a certificate mistake then locks browsers out for an hour,
# not a year. The operator raises it (and opts in to preload) once HTTPS holds.
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=3600)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool(
    "DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=False
)
SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=False)
# The deploy check warns about the two opt-ins left off on purpose above.
SILENCED_SYSTEM_CHECKS = [
    check
    for check, on in (
        ("security.W005", SECURE_HSTS_INCLUDE_SUBDOMAINS),
        ("security.W021", SECURE_HSTS_PRELOAD),
    )
    if not on
]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
# Links in Wagtail's mails and admin: the public address, the first host by default.
WAGTAILADMIN_BASE_URL = env(
    "WAGTAILADMIN_BASE_URL", default=f"https://{ALLOWED_HOSTS[0].lstrip('.')}"
)
# Wagtail lets its own preview views be framed (same origin); nothing else is.
X_FRAME_OPTIONS = "DENY"

LOGGING["root"]["level"] = env("DJANGO_LOG_LEVEL", default="INFO")
