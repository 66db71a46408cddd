"""The test suite: fast hashing, plain static storage, isolated media."""

import tempfile

from .base import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
MEDIA_ROOT = tempfile.mkdtemp(prefix="daiwei-test-media-")
WHITENOISE_AUTOREFRESH = True
# The test suite's own flows live in ``tests``: viewflow stores a flow by app label.
INSTALLED_APPS = [*INSTALLED_APPS, "tests"]  # noqa: F405
