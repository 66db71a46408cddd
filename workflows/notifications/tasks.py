"""The background task of a delivery, run by ``manage.py db_worker --backend
notifications --queue-name notifications``.

Queued in the transaction that wrote the delivery (so a worker never sees a
task whose delivery is not saved), and again with ``run_after`` for each retry.
"""

from django_tasks import task

from .services import delivery_attempt


@task(backend="notifications", queue_name="notifications")
def delivery_task(delivery_id: int) -> str:
    return delivery_attempt(delivery_id=delivery_id)
