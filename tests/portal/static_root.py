"""``collectstatic`` in a fresh interpreter under the production settings."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings


def collect_production_static(static_root: Path, **env: str) -> Path:
    """Collect into ``static_root`` as an operator does; fail with the output."""
    done = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=settings.BASE_DIR,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "portal.settings.production",
            "DJANGO_SECRET_KEY": "collectstatic-needs-no-secret",
            "DJANGO_ALLOWED_HOSTS": "localhost",
            "DJANGO_STATIC_ROOT": str(static_root),
            # collectstatic reads no database; without DATABASE_URL the
            # production settings want SQLite asked for by name.
            "DJANGO_ALLOW_SQLITE": "true",
            **env,
        },
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return static_root
