"""Approve → commit → event at a connected socket, against a bare echo socket.

Real servers (Daphne subprocesses) and a real ``websockets`` client in this
process, logged in as a reviewer with the queue socket open. Each round, in
turn, over the same sockets:

* ``echo``: a text frame to ``/bench/echo/`` and back (the socket alone);
* ``publish → event``: POST ``/bench/publish/`` (the portal's publisher to the
  user's group, no database write) until the socket has the event;
* ``send → event``: of that, from the publisher's ``group_send`` (wall clock
  stamped in the event by the server) until the socket has it: the live
  layer's own leg (layer, consumer, frame), the part an echo compares with;
* ``approve → event``: POST the real decision form of a review task until the
  socket has that task's ``queue.changed``: the view, the flow's transaction
  and commit, ``group_send`` after commit, the consumer, the frame;
* ``approve HTTP``: the same POST until its 302 answer (the approval alone).

Modes: ``memory``, the embedded mode (SQLite, in-memory layer, one Daphne
serving both the POST and the socket); ``redis``, the scaled mode
(PostgreSQL, channels-redis, the POST to one Daphne and the socket on
another, so the event crosses processes).
"""

import asyncio
import time
from contextlib import ExitStack
from dataclasses import dataclass

from bench.browser import (
    ECHO_PATH,
    PUBLISH_PATH,
    Browser,
    arrival,
    arrival_of,
    echo_seconds,
    open_socket,
)
from bench.harness import BENCH_APP, READY_PATH, Config, fresh_site, serve
from bench.report import (
    emit,
    latency_ratio,
    latency_summary,
    print_latency_ratio,
    print_rows,
    write_json,
)
from bench.seed import REVIEWER

NAME = "event_roundtrip"
WARMUP = 10
ECHO = "echo"
PUBLISHED = "publish → event"
SENT = "send → event"
APPROVED = "approve → event"
APPROVE_HTTP = "approve HTTP"
LABELS = (ECHO, SENT, PUBLISHED, APPROVED, APPROVE_HTTP)
RATIOS = (
    (APPROVED, ECHO),
    (SENT, ECHO),
    (PUBLISHED, ECHO),
    (APPROVED, APPROVE_HTTP),
)


async def _round(browser: Browser, live, echo, seq: int, group: str, task) -> dict:
    """One echo, one publish and one approval: their seconds."""
    figures = {ECHO: await echo_seconds(echo)}
    began = time.perf_counter()
    answer = browser.post_soon(PUBLISH_PATH, {"group": group, "seq": seq})
    arrived, event = await arrival_of(live, "seq", seq)
    figures[SENT] = time.time() - event["sent"]
    figures[PUBLISHED] = arrived - began
    (await answer).check(204)
    request_pk, task_pk = task
    began = time.perf_counter()
    answer = browser.post_soon(
        f"/requests/{request_pk}/tasks/{task_pk}/", {"decision": "approved"}
    )
    figures[APPROVED] = await arrival(live, "task", task_pk) - began
    approved = await answer
    approved.check(302, f"/requests/{request_pk}/")
    figures[APPROVE_HTTP] = approved.at - began
    return figures


@dataclass(frozen=True)
class Target:
    """Where one round goes: the server of its POSTs and of its sockets."""

    name: str
    http_port: int
    ws_port: int


async def roundtrips(
    targets: list[Target], seeded: dict, *, warmup: int
) -> dict[str, dict[str, list[float]]]:
    """A round per seeded task, taking turns over ``targets``; per target, the
    seconds of each measure, its first ``warmup`` rounds left out."""
    sessionid, own_group = seeded["sessionid"], seeded["groups"][0]
    opened = [
        (
            Browser(target.http_port, sessionid),
            await open_socket(target.ws_port, sessionid=sessionid),
            await open_socket(target.ws_port, ECHO_PATH),
        )
        for target in targets
    ]
    timings = {target.name: {label: [] for label in LABELS} for target in targets}
    try:
        for seq, task in enumerate(seeded["tasks"]):
            turn = seq % len(targets)
            figures = await _round(*opened[turn], seq, own_group, task)
            if seq >= warmup * len(targets):
                for label, seconds in figures.items():
                    timings[targets[turn].name][label].append(seconds)
    finally:
        for browser, live, echo in opened:
            await live.close()
            await echo.close()
            browser.close()
    return timings


def _mode(mode: str, approvals: int) -> tuple[dict, list[str]]:
    scaled = mode == "redis"
    with fresh_site(services=scaled) as site, ExitStack() as stack:
        seeded = site.seed(role=REVIEWER, submit=approvals + WARMUP)
        servers = [
            stack.enter_context(serve(site, BENCH_APP, ready_path=READY_PATH))
            for _ in range(2 if scaled else 1)
        ]
        target = Target(mode, servers[0].port, servers[-1].port)
        timings = asyncio.run(roundtrips([target], seeded, warmup=WARMUP))
    commands = [" ".join(server.command) for server in servers]
    return {k: latency_summary(v) for k, v in timings[mode].items()}, commands


def ratio_lines(mode: str, figures: dict) -> dict[str, dict[str, float]]:
    """Print and return each measure of :data:`RATIOS` over its baseline."""
    found = {}
    for subject, baseline in RATIOS:
        pair = found[f"{subject} / {baseline}"] = latency_ratio(
            figures[subject], figures[baseline]
        )
        print_latency_ratio(f"{mode:<7} {subject} / {baseline}", pair)
    return found


def main(config: Config) -> dict[str, object]:
    """Both modes: print the table and ratios, write the JSON results."""
    emit(f"== {NAME}: {__doc__.splitlines()[0]}")
    approvals = max(20, min(config.requests, 200))
    results = {mode: _mode(mode, approvals) for mode in ("memory", "redis")}
    rows = [("mode", "measure", "n", "p50 ms", "p99 ms")]
    for mode, (figures, _) in results.items():
        rows += [(mode, label, *f.values()) for label, f in figures.items()]
    print_rows(rows)
    emit()
    ratios = {
        mode: ratio_lines(mode, figures) for mode, (figures, _) in results.items()
    }
    for mode, (_, commands) in results.items():
        emit(f"server ({mode}): " + " | ".join(commands))
    emit(f"command: {config.command}")
    payload = {
        "command": config.command,
        "modes": {mode: figures for mode, (figures, _) in results.items()},
        "servers": {mode: commands for mode, (_, commands) in results.items()},
        "ratios": ratios,
    }
    emit(f"results: {write_json(NAME, payload, [])}")
    return payload
