"""viewflow's nodes take their savepoint only where a failure is kept."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from viewflow.workflow.context import Context
from viewflow.workflow.nodes import end, func, if_gate, switch


def statements(module) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        with module.transaction.atomic(savepoint=True):
            pass
    return [query["sql"].split()[0] for query in captured]


@pytest.mark.django_db
@pytest.mark.parametrize("module", [end, func, if_gate, switch])
def test_a_node_joins_the_transition_unless_its_failure_is_kept(module):
    with transaction.atomic():
        assert statements(module) == []  # a failure rolls the transition back
        with Context(propagate_exception=False):  # a timer or job firing
            assert statements(module) == ["SAVEPOINT", "RELEASE"]
