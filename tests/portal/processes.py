"""Settings read in fresh interpreters with exactly the environment they get."""

import os
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
# The portal's own variables: a test run's values never leak into the child.
SWITCHES = (
    "DATABASE_URL",
    "REDIS_URL",
    "SQLITE_PATH",
    "DJANGO_SETTINGS_MODULE",
    "DJANGO_SECRET_KEY",
    "DJANGO_ALLOWED_HOSTS",
    "DJANGO_ALLOW_SQLITE",
    "DJANGO_CSRF_TRUSTED_ORIGINS",
    "DJANGO_DEBUG",
    "DJANGO_DB_POOL",
    "DJANGO_LOG_LEVEL",
    "WAGTAILADMIN_BASE_URL",
)


def run(args, settings_module, **env):
    """Run ``python args`` in the project with only the given portal variables
    (no settings module at all when ``settings_module`` is None)."""
    environ = {k: v for k, v in os.environ.items() if k not in SWITCHES}
    if settings_module:
        environ["DJANGO_SETTINGS_MODULE"] = settings_module
    environ.update(env)
    return subprocess.run(
        [sys.executable, *args],
        cwd=PROJECT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
