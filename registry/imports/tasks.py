"""The background task of a long import, run by ``manage.py db_worker``.

Queued on the ``imports`` backend (the database: see ``TASKS`` in the
settings) in the transaction that queued its run, so a worker never sees a
task whose run is not saved.
"""

from django_tasks import task

from .services import import_background


@task(backend="imports", queue_name="imports")
def import_run_task(run_id: int) -> None:
    import_background(run_id)
