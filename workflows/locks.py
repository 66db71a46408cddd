"""The one lock every flow uses to serialise transitions of a process.

``SELECT ... FOR UPDATE`` on the process row, waiting rather than failing
(PostgreSQL). SQLite ignores row locks; there every write transaction is
``BEGIN IMMEDIATE`` (see settings), which serialises writers the same way.
"""

from viewflow.workflow.lock import SelectForUpdateLock

flow_lock = SelectForUpdateLock(nowait=False, attempts=1)
