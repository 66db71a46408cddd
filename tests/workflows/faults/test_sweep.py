"""One timer sweep over open tickets: what its queries grow with.

The tickets not yet due cost the sweep nothing: it selects only the due
timers. Each due SLA timer is still fired through viewflow's own activation
(lock, timer, warning function, end, transition, events), about two dozen
queries each: firing them in bulk is open (``python -m bench sla_sweep``).
"""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from workflows import dispatcher

pytestmark = pytest.mark.django_db
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))  # a Monday
HOUR = timedelta(hours=1)


@pytest.fixture(autouse=True)
def no_closing(monkeypatch):
    """The sweep closes its connections; a test transaction must keep its own."""
    monkeypatch.setattr(dispatcher.connections, "close_all", lambda: None)


def dispatched(dispatch, at, count: int, level: int) -> None:
    with time_machine.travel(at, tick=False):
        for _ in range(count):
            dispatch(level=level)


def sweep(at, fired: int) -> int:
    """The queries of one sweep at ``at``, which fires ``fired`` timers."""
    with time_machine.travel(at, tick=False):
        with CaptureQueriesContext(connection) as queries:
            assert dispatcher.fire_due() == fired
    return len(queries)


def test_tickets_not_due_cost_the_sweep_nothing(dispatch):
    dispatched(dispatch, T0, 3, level=3)  # due in 10 days
    sweep(T0 + HOUR, 0)  # the once-a-period draws and drafts
    few = sweep(T0 + 2 * HOUR, 0)
    dispatched(dispatch, T0, 27, level=3)
    assert sweep(T0 + 3 * HOUR, 0) == few


@pytest.mark.xfail(
    strict=True, reason="each due SLA timer fires through its own activation"
)
def test_a_sweep_takes_the_same_queries_for_3_and_30_due_tickets(dispatch):
    dispatched(dispatch, T0, 3, level=1)  # on site: warned at 4 h, due at 5 h
    sweep(T0 + HOUR, 0)  # the once-a-period draws and drafts
    three = sweep(T0 + 4 * HOUR, 3)
    dispatched(dispatch, T0 + 4 * HOUR, 30, level=1)
    sweep(T0 + 5 * HOUR, 3)  # the first three escalate
    assert sweep(T0 + 8 * HOUR, 30) == three
