"""Approvals under concurrency on PostgreSQL: psycopg's pool against none.

One fresh scaled-mode site (PostgreSQL, Redis) served by three Daphne
processes at once, each with its own connection handling: ``pool`` (the
portal's default: psycopg's pool, ``CONN_MAX_AGE`` 0), ``no pool`` (a new
connection per request) and ``persistent`` (``CONN_MAX_AGE`` 60, the old
setting, which Django's docs advise against under ASGI). At each concurrency
the servers take turns, in rounds: ``c`` clients each POST the real decision
form of their own review tasks, then GET the bare page (no database) as
often; the bare page in the same round is the baseline.
"""

import http.client
import threading
import time
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import replace

from bench.browser import Browser
from bench.harness import BENCH_APP, HOST, READY_PATH, Config, fresh_site, serve
from bench.report import (
    emit,
    latency_ratio,
    latency_summary,
    print_latency_ratio,
    print_rows,
    write_json,
)
from bench.seed import REVIEWER

NAME = "pool_approvals"
MODES = {
    "pool": {"DJANGO_DB_POOL": "true"},
    "no pool": {"DJANGO_DB_POOL": "false", "DJANGO_CONN_MAX_AGE": "0"},
    "persistent": {"DJANGO_DB_POOL": "false", "DJANGO_CONN_MAX_AGE": "60"},
}
ROUNDS = 4
WARMUP = 3  # approvals per client before the rounds, left out


def _concurrently(jobs: list[Callable[[], list[float]]]) -> list[float]:
    """Run each job on its own thread, all started together; their timings."""
    start = threading.Barrier(len(jobs))
    timings: list[float] = []

    def run(job):
        start.wait()
        timings.extend(job())

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return timings


def _approvals(browser: Browser, tasks: list) -> list[float]:
    seconds = []
    for request_pk, task_pk in tasks:
        began = time.perf_counter()
        answer = browser.post(
            f"/requests/{request_pk}/tasks/{task_pk}/", {"decision": "approved"}
        )
        answer.check(302, f"/requests/{request_pk}/")
        seconds.append(answer.at - began)
    return seconds


def _bare(port: int, count: int) -> list[float]:
    conn = http.client.HTTPConnection(HOST, port, timeout=10)
    seconds = []
    try:
        for _ in range(count):
            began = time.perf_counter()
            conn.request("GET", READY_PATH)
            response = conn.getresponse()
            response.read()
            if response.status != 200:
                raise RuntimeError(f"bare page answered {response.status}")
            seconds.append(time.perf_counter() - began)
    finally:
        conn.close()
    return seconds


def _level(servers: dict, tasks: list, sessionid: str, c: int, each: int) -> dict:
    """One concurrency: warm-up, then rounds; per mode, approval and bare timings."""
    timings = {mode: {"approve": [], "bare": []} for mode in servers}
    browsers = {
        mode: [Browser(server.port, sessionid) for _ in range(c)]
        for mode, server in servers.items()
    }
    try:
        for round_ in range(ROUNDS + 1):
            share = WARMUP if round_ == 0 else each
            for mode, server in servers.items():
                mine = [tasks.pop() for _ in range(c * share)]
                approved = _concurrently(
                    [
                        lambda b=browser, t=mine[i::c]: _approvals(b, t)
                        for i, browser in enumerate(browsers[mode])
                    ]
                )
                bare = _concurrently([lambda p=server.port, n=share: _bare(p, n)] * c)
                if round_:
                    timings[mode]["approve"] += approved
                    timings[mode]["bare"] += bare
    finally:
        for opened in browsers.values():
            for browser in opened:
                browser.close()
    return timings


def main(config: Config) -> dict[str, object]:
    emit(f"== {NAME}: {__doc__.splitlines()[0]}")
    each = max(5, min(config.requests // (ROUNDS * 4), 25))  # per client a round
    needed = sum(len(MODES) * c * (WARMUP + ROUNDS * each) for c in config.concurrency)
    with fresh_site(services=True) as site, ExitStack() as stack:
        seeded = site.seed(role=REVIEWER, submit=needed)
        servers = {
            mode: stack.enter_context(
                serve(
                    replace(site, env=site.env | env), BENCH_APP, ready_path=READY_PATH
                )
            )
            for mode, env in MODES.items()
        }
        tasks = list(reversed(seeded["tasks"]))
        found = {
            c: _level(servers, tasks, seeded["sessionid"], c, each)
            for c in config.concurrency
        }
    return _report(config, found)


def _report(config: Config, found: dict) -> dict[str, object]:
    rows = [("c", "mode", "measure", "n", "p50 ms", "p99 ms")]
    summaries, ratios = {}, {}
    for c, modes in found.items():
        for mode, measures in modes.items():
            for label, seconds in measures.items():
                summary = latency_summary(seconds)
                summaries[f"c={c} {mode} {label}"] = summary
                rows.append((str(c), mode, label, *map(str, summary.values())))
    print_rows(rows)
    emit()
    for c in found:
        of = {m: summaries[f"c={c} {m} approve"] for m in MODES}
        for mode in MODES:
            label = f"c={c} {mode} approve/bare"
            ratios[label] = latency_ratio(of[mode], summaries[f"c={c} {mode} bare"])
            print_latency_ratio(label, ratios[label])
        for other in ("no pool", "persistent"):
            label = f"c={c} approve pool/{other}"
            ratios[label] = latency_ratio(of["pool"], of[other])
            print_latency_ratio(label, ratios[label])
    emit(f"modes: {MODES}")
    emit(f"command: {config.command}")
    payload = {"command": config.command, "modes": MODES, "ratios": ratios}
    payload["latencies"] = summaries
    emit(f"results: {write_json(NAME, payload, [])}")
    return payload
