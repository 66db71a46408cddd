"""What ``manage.py db_worker --backend <name>`` does with one ready task."""

from django_tasks_db.management.commands.db_worker import Worker


def task_run(result, *, backend: str) -> None:
    """Claim and run one ``DBTaskResult`` of ``backend`` as its worker would."""
    result.claim("test-worker")
    Worker(
        queue_names=[backend],
        interval=0,
        batch=True,
        backend_name=backend,
        startup_delay=False,
        max_tasks=1,
        worker_id="test-worker",
    ).run_task(result)
