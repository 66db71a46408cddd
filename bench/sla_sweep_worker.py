"""Run inside a fresh site: the ``sla_sweep`` figures, as JSON on stdout.

Seeds ``-n`` open fault tickets in bulk (``bench.dashboards_seed``), each
waiting on its accept step with its two SLA timers scheduled (warning, then
escalation) as the flow arms them, all days ahead. Each round makes ``--due``
tickets' warnings due and times one sweep (``workflows.dispatcher.fire_due``,
what the server and ``workflow_timers`` run); the bare baseline is the
sweep's own first query, the due timers' ids, in the same round.
"""

import argparse
import datetime
import json
import random
import statistics
import time

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402
from viewflow.workflow.models import Task  # noqa: E402

from bench.dashboards_seed import chain_insert, world_create  # noqa: E402
from workflows import dispatcher  # noqa: E402
from workflows.faults.flows import FaultFlow  # noqa: E402
from workflows.faults.models import FaultTicket  # noqa: E402

NODES = {node.name: node for node in FaultFlow.instance.nodes()}
WARN, ESCALATE = "accept__timeout", "accept__timeout_2"


def tickets_open(count: int) -> list[int]:
    """``count`` level-3 tickets dispatched now: warning in 8 days, due in 10."""
    world = world_create(random.Random(14))
    now = timezone.now()
    rows = [
        FaultTicket(
            flow_class=FaultFlow,
            status="NEW",
            created=now,
            reference=f"S-{n:07d}",
            company_id=world.sites[n % len(world.sites)].maintained_by_id,
            requester=world.requester,
            summary="基站退服",
            site=world.sites[n % len(world.sites)],
            level=3,
            mode="on_site",
            tier="core_city",
            description="基站退服",
            state="dispatched",
            dispatched_at=now,
            sla_hours=240,
            sla_due_at=now + datetime.timedelta(days=10),
            warning_at=now + datetime.timedelta(days=8),
        )
        for n in range(count)
    ]
    for first in range(0, count, 5000):
        chain_insert(rows[first : first + 5000])
    ids = [row.pk for row in rows]
    tasks_arm(rows)
    return ids


def tasks_arm(tickets) -> None:
    """Each ticket's open accept task and its two timers, linked as viewflow does."""
    hosts = Task.objects.bulk_create(
        Task(
            flow_task=NODES["accept"],
            flow_task_type="HUMAN",
            status="NEW",
            process_id=t.pk,
            owner_permission="faults.can_accept_faultticket",
        )
        for t in tickets
    )
    timers = Task.objects.bulk_create(
        Task(
            flow_task=NODES[name],
            flow_task_type="TIMER",
            status="SCHEDULED",
            process_id=t.pk,
            scheduled=t.warning_at if name == WARN else t.sla_due_at,
        )
        for t in tickets
        for name in (WARN, ESCALATE)
    )
    Through = Task.previous.through
    Through.objects.bulk_create(
        Through(from_task_id=hosts[i // 2].pk, to_task_id=timer.pk)
        for i, timer in enumerate(timers)
    )


def make_due(ticket_ids: list[int]) -> None:
    """The warnings of these tickets fall due a minute ago."""
    past = timezone.now() - datetime.timedelta(minutes=1)
    FaultTicket.objects.filter(pk__in=ticket_ids).update(warning_at=past)
    Task.objects.filter(process_id__in=ticket_ids, flow_task=NODES[WARN]).update(
        scheduled=past
    )


def bare() -> float:
    started = time.perf_counter()
    list(
        Task.objects.filter(
            flow_task_type="TIMER", status="SCHEDULED", scheduled__lte=timezone.now()
        ).values_list("pk", flat=True)
    )
    return time.perf_counter() - started


def sweep(due_ids: list[int], *, count_queries: bool = False) -> dict:
    make_due(due_ids)
    base = bare()
    started = time.perf_counter()
    if count_queries:
        with CaptureQueriesContext(connection) as queries:
            fired = dispatcher.fire_due()
    else:
        fired = dispatcher.fire_due()
    took = time.perf_counter() - started
    if fired != len(due_ids):
        raise SystemExit(f"fired {fired} of {len(due_ids)} due timers")
    warned = FaultTicket.objects.filter(pk__in=due_ids, warned_at__isnull=False)
    if warned.count() != len(due_ids):
        raise SystemExit("a due ticket was not warned")
    figures = {"sweep_s": took, "bare_s": base}
    if count_queries:
        figures["queries"] = len(queries)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("-n", "--tickets", type=int, default=10_000)
    parser.add_argument("--due", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    ids = tickets_open(args.tickets)
    dispatcher.fire_due()  # the sweep's once-a-period draws, out of the way
    empty = sweep([], count_queries=True)
    few = sweep(ids[:3], count_queries=True)
    rest = ids[3:]
    timed = [sweep(rest[r * args.due : (r + 1) * args.due]) for r in range(args.rounds)]
    start = args.rounds * args.due
    counted = sweep(rest[start : start + args.due], count_queries=True)
    print(  # noqa: T201
        json.dumps(
            {
                "tickets": args.tickets,
                "due": args.due,
                "timers": Task.objects.filter(flow_task_type="TIMER").count(),
                "sweep_s": statistics.median(t["sweep_s"] for t in timed),
                "bare_s": statistics.median(t["bare_s"] for t in timed),
                "queries": counted["queries"],
                "queries_3_due": few["queries"],
                "empty_sweep_s": empty["sweep_s"],
                "empty_queries": empty["queries"],
            }
        )
    )


main()
