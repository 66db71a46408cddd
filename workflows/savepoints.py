"""viewflow's nodes take a savepoint only where a failure is kept.

Each gateway, function and end node runs inside
``transaction.atomic(savepoint=True)``, so that a node that fails while its
activation context keeps failures (``Context(propagate_exception=False)``: a
timer or job firing) rolls back its own work and the task is recorded as
failed. When the failure propagates (a person's transition, the default
context) the whole transition rolls back anyway, and the savepoint is two
statements per node for nothing: there the node joins the transition's
transaction (``savepoint=False``). Applied once, when the app loads.
"""

import importlib

from django.db import transaction
from viewflow.workflow.context import context

NODE_MODULES = (
    "boundary",
    "compensate",
    "end",
    "events",
    "func",
    "if_gate",
    "join",
    "switch",
    "timer",
)


class _NodeTransaction:
    """``django.db.transaction`` as viewflow's node modules see it."""

    def __getattr__(self, name):
        return getattr(transaction, name)

    @staticmethod
    def atomic(using=None, savepoint=True, durable=False):
        needed = savepoint and not context.propagate_exception
        return transaction.atomic(using=using, savepoint=needed, durable=durable)


def node_savepoints_trim() -> None:
    """Point the node modules' ``transaction`` at :class:`_NodeTransaction`."""
    for name in NODE_MODULES:
        module = importlib.import_module(f"viewflow.workflow.nodes.{name}")
        module.transaction = _NodeTransaction()
