"""The progress of a background import: a cache key and a live event.

The worker imports every row in one transaction, so the progress cannot be a
database write (it would be rolled back with a failed import, and SQLite keeps
its one write lock until the import ends): it goes to the ``imports`` cache
(files embedded, Redis scaled) and straight to the importing user's sockets
with ``send_now``, every ``IMPORT_PROGRESS_ROWS`` rows. A change of the run's
status is published after its commit (``publish_on_commit``). The embedded
mode's worker has no way to the server's in-memory layer: there the server
relays what it reads here (``relay.py``).
"""

import time

from django.conf import settings
from django.core.cache import caches

from workflows.live.events import publish_on_commit, send_now
from workflows.live.groups import user_group

ALIAS = "imports"
# A run's progress is kept a day after its last report.
TIMEOUT = 24 * 3600


def _key(run_id: int) -> str:
    return f"import-progress:{run_id}"


def _beat_key(run_id: int) -> str:
    return f"import-beat:{run_id}"


def _beat(run) -> None:
    """Note that ``run``'s worker is alive now (see ``last_beat``)."""
    caches[ALIAS].set(_beat_key(run.pk), time.time(), timeout=TIMEOUT)


def last_beat(run) -> float | None:
    """When ``run``'s worker last reported (a Unix time), ``None`` if never."""
    return caches[ALIAS].get(_beat_key(run.pk))


def rows_done(run) -> int:
    """Rows the worker has read of ``run`` so far (0 before it starts)."""
    if not run.busy:
        return run.rows_total if run.status != run.Status.FAILED else 0
    return int(caches[ALIAS].get(_key(run.pk), 0))


def payload(run, done: int | None = None) -> dict:
    done = rows_done(run) if done is None else done
    return {
        "import": {
            "run": run.pk,
            "status": run.status,
            "done": done,
            "total": run.rows_total,
        }
    }


def report(run, done: int) -> None:
    """Note ``done`` rows of ``run`` and tell its user's sockets now."""
    caches[ALIAS].set(_key(run.pk), done, timeout=TIMEOUT)
    _beat(run)
    send_now([user_group(run.created_by_id)], payload(run, done))


def publish(run) -> None:
    """Tell ``run``'s user its new status once the current transaction commits."""
    if run.busy:
        caches[ALIAS].set(_key(run.pk), 0, timeout=TIMEOUT)
        _beat(run)
    publish_on_commit([user_group(run.created_by_id)], payload(run))


class Counter:
    """Called after each row; reports every ``IMPORT_PROGRESS_ROWS`` rows."""

    def __init__(self, run):
        self.run, self.done = run, 0
        self.every = max(1, settings.IMPORT_PROGRESS_ROWS)

    def __call__(self) -> None:
        self.done += 1
        if self.done % self.every == 0 or self.done == self.run.rows_total:
            report(self.run, self.done)
