"""Settings for benchmark servers: the dev settings plus the bare baseline view.

The database, static root and media root come from the environment
(``SQLITE_PATH``, ``DJANGO_STATIC_ROOT``, ``DJANGO_MEDIA_ROOT``), which the
harness points at a fresh temporary directory.
"""

from portal.settings.dev import *  # noqa: F403
from portal.settings.dev import BASE_DIR, TEMPLATES

DEBUG = False
ROOT_URLCONF = "bench.urls"

# The baseline renders through its own engine without context processors, so it
# makes no database queries; the project's engine stays first and unchanged.
TEMPLATES = [
    *TEMPLATES,
    {
        "NAME": "bare",
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "bench" / "templates"],
        "APP_DIRS": False,
        "OPTIONS": {"context_processors": []},
    },
]
