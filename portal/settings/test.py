"""The test suite: fast hashing, plain static storage, isolated media."""

import atexit
import os
import shutil
import tempfile
from pathlib import Path

from .base import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
# One media folder per test run, shared with the servers the run starts (they
# inherit the variable), removed when the run ends.
MEDIA_ROOT = os.environ.get("DAIWEI_TEST_MEDIA_ROOT", "")
if not MEDIA_ROOT:
    MEDIA_ROOT = os.environ["DAIWEI_TEST_MEDIA_ROOT"] = tempfile.mkdtemp(
        prefix="daiwei-test-media-"
    )
    atexit.register(shutil.rmtree, MEDIA_ROOT, ignore_errors=True)
# Servers started by end-to-end tests (tests/servers.py) serve /static/ straight
# from the apps' folders, without a collectstatic.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True

if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    # A file, not shared-cache memory: concurrency tests need SQLite's real
    # locking (WAL, BEGIN IMMEDIATE, busy timeout), as in the embedded mode.
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(Path(tempfile.gettempdir()) / f"daiwei-test-{os.getpid()}.sqlite3")
    }
elif DATABASES["default"]["ENGINE"].endswith("postgresql"):  # noqa: F405
    # A commit need not wait for the disk: a crash of the test database loses
    # nothing a test needs, and locking and isolation are unchanged.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (  # noqa: F405
        "-c synchronous_commit=off"
    )

# The test suite's own flows live in ``tests``: viewflow stores a flow by app label.
INSTALLED_APPS = [*INSTALLED_APPS, "tests"]  # noqa: F405

# Tests fire timers themselves; the in-process dispatcher is switched on by the
# tests of the dispatcher only.
WORKFLOW_TIMERS_IN_PROCESS = False

# Test clients log in without a request (``Client.login``), which axes refuses:
# the throttling tests switch it on themselves (tests/portal/test_throttling.py).
AXES_ENABLED = False

# The worker runs inside the test (tests/registry/test_import_background.py):
# its progress stays in this process; no relay.
CACHES["imports"] = {  # noqa: F405
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "imports",
}
IMPORT_PROGRESS_RELAY = False
