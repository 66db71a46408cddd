"""Daphne against uvicorn, one process each, serving the same site at once.

The embedded mode (SQLite, in-memory layer). The queue page of
:mod:`bench.queue_vs_listview` (a reviewer with 5,000 open tasks, first page
of 50; the servers take turns, req/s) and the rounds of
:mod:`bench.event_roundtrip` (echo, publish → event, approve → event; the
servers take turns, each serving its own POSTs and sockets). uvicorn runs with
what ``uvicorn[standard]`` brings: uvloop, httptools, websockets.
"""

import asyncio
from contextlib import ExitStack

from bench.event_roundtrip import APPROVED, ECHO, LABELS, WARMUP, Target, roundtrips
from bench.harness import BENCH_APP, READY_PATH, SERVERS, Config, fresh_site, serve
from bench.load import Scenario, measure
from bench.queue_vs_listview import QUEUE, TASKS
from bench.report import (
    emit,
    latency_ratio,
    latency_summary,
    print_latency_ratio,
    print_ratios,
    print_rows,
    print_table,
    ratios,
    write_json,
)
from bench.seed import REVIEWER

NAME = "servers"
# What the README's scaled mode runs, and why; the figures say whether to change.
SCALED_MODE = (
    "daphne: the server of make run and of the README's scaled mode, where a "
    "proxy balances several processes (Daphne has no --workers)"
)


def _rounds(servers: dict, seeded: dict) -> dict[str, dict[str, dict]]:
    targets = [Target(name, s.port, s.port) for name, s in servers.items()]
    timings = asyncio.run(roundtrips(targets, seeded, warmup=WARMUP))
    return {
        name: {label: latency_summary(v) for label, v in measures.items()}
        for name, measures in timings.items()
    }


def _print_sockets(sockets: dict) -> dict[str, dict[str, float]]:
    rows = [("server", "measure", "n", "p50 ms", "p99 ms")]
    for name, measures in sockets.items():
        rows += [(name, label, *f.values()) for label, f in measures.items()]
    print_rows(rows)
    found = {
        label: latency_ratio(sockets["uvicorn"][label], sockets["daphne"][label])
        for label in LABELS
    }
    for label in (ECHO, APPROVED):
        print_latency_ratio(f"uvicorn/daphne {label}", found[label])
    return found


def main(config: Config) -> dict[str, object]:
    """Both servers on one site: pages, then sockets; print and write JSON."""
    emit(f"== {NAME}: {__doc__.splitlines()[0]}")
    approvals = max(20, min(config.requests // 2, 100))
    with fresh_site() as site, ExitStack() as stack:
        submit = len(SERVERS) * (approvals + WARMUP)
        seeded = site.seed(role=REVIEWER, tasks=TASKS, submit=submit)
        servers = {
            name: stack.enter_context(
                serve(site, BENCH_APP, ready_path=READY_PATH, server=name)
            )
            for name in SERVERS
        }
        cookie = {"Cookie": f"sessionid={seeded['sessionid']}"}
        scenarios = [Scenario(n, s.port, QUEUE, cookie) for n, s in servers.items()]
        runs = [
            run
            for concurrency in config.concurrency
            for run in measure(scenarios, concurrency=concurrency, config=config)
        ]
        sockets = _rounds(servers, seeded)
    commands = {name: " ".join(server.command) for name, server in servers.items()}
    print_table(runs)
    emit()
    page_ratios = ratios(runs, baseline="daphne")
    print_ratios(page_ratios)
    emit()
    socket_ratios = _print_sockets(sockets)
    emit(f"scaled mode: {SCALED_MODE}")
    for name, command in commands.items():
        emit(f"server ({name}): DJANGO_SETTINGS_MODULE=bench.settings {command}")
    emit(f"command: {config.command}")
    payload = {
        "command": config.command,
        "servers": commands,
        "scaled_mode": SCALED_MODE,
        "page_ratios": page_ratios,
        "sockets": sockets,
        "socket_ratios": socket_ratios,
    }
    emit(f"results: {write_json(NAME, payload, runs)}")
    return payload
