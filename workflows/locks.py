"""The one lock every flow uses to serialise transitions of a process.

``SELECT ... FOR UPDATE`` on the process row, waiting rather than failing
(PostgreSQL). SQLite ignores row locks; there every write transaction is
``BEGIN IMMEDIATE`` (see settings), which serialises writers the same way.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from viewflow.workflow.lock import SelectForUpdateLock

from home.rules import rules_pinned

flow_lock = SelectForUpdateLock(nowait=False, attempts=1)


@contextmanager
def task_activation(task) -> Iterator:
    """``task.activation()`` carrying the flow's own process, read once.

    Under the same flow lock, viewflow's reads the task again, then its
    process as a plain ``Process`` and coerces it down the model chain (two
    more queries for a request); this reads the task and the flow's own
    process class, one query each. The rules are read once for the whole
    transition, its commit hooks included (``home.rules.rules_pinned``).
    """
    flow_class = task.flow_task.flow_class
    with rules_pinned(), flow_class.lock(task.process_id):
        task.refresh_from_db()
        manager = flow_class.process_class._default_manager
        task.process = manager.get(pk=task.process_id)
        yield task.flow_task.activation_class(task)
