"""Every dashboard answer over a year of data for 10 contractors (100,000
tickets, 20,000 requests, 50,000 work logs), uncached, against the bare page in
the same run.

The data is seeded in bulk on a fresh SQLite site; a worker process times each
panel's selector and the whole ``/dashboards/data/`` answer (the carrier's,
all ten companies; one contractor manager's, its own) and the bare
``/bench/bare/`` page through the same Django test client. The aim: each
answer under 300 ms, in a number of queries that does not grow with the data.
Each answer's CPU time is printed beside its wall time: on a machine shared
with other work, the wall time also counts the wait for a core (the load
average is printed); the run fails only when the work itself (CPU) is over.
"""

import json
import os

from bench.harness import BenchError, Config, fresh_site
from bench.report import emit, print_rows, write_json

NAME = "dashboards"
AIM_MS = 300


def _rows(who: str, found: dict) -> list[tuple]:
    bare = found["bare"]["p50_ms"]
    keys = [key for key in found if key.startswith("panel:")] + ["data", "bare"]
    return [
        (
            who,
            key,
            found[key]["p50_ms"],
            found[key]["p99_ms"],
            found[key]["cpu_p50_ms"],
            found[key]["queries"],
            round(found[key]["p50_ms"] / bare, 1),
        )
        for key in keys
    ]


def main(config: Config) -> dict[str, object]:
    emit(f"== {NAME}: {__doc__.splitlines()[0]}")
    with fresh_site() as site:
        repeats = max(5, min(config.requests // 20, 30))
        found = json.loads(
            site.run("-m", "bench.dashboards_worker", "-n", str(repeats))
        )
    emit(f"seeded: {found['seeded']}")
    header = ("user", "answer", "p50 ms", "p99 ms", "cpu p50", "queries", "p50/bare")
    print_rows(
        [
            header,
            *_rows("carrier", found["carrier"]),
            *_rows("manager", found["manager"]),
        ]
    )
    answers = [
        (f"{who} {key}", value)
        for who in ("carrier", "manager")
        for key, value in found[who].items()
        if isinstance(value, dict)
    ]
    over = [f"{name}: {a['p50_ms']} ms" for name, a in answers if a["p50_ms"] > AIM_MS]
    slow = [
        f"{name}: {a['cpu_p50_ms']} ms CPU"
        for name, a in answers
        if a["cpu_p50_ms"] > AIM_MS
    ]
    emit(f"load average (1, 5, 15 min): {os.getloadavg()}, {os.cpu_count()} cores")
    emit(f"aim, every answer under {AIM_MS} ms p50: wall {'met' if not over else over}")
    emit(f"aim, every answer under {AIM_MS} ms p50: CPU {'met' if not slow else slow}")
    emit(f"command: {config.command}")
    payload = {"command": config.command, "repeats": repeats, **found}
    emit(f"results: {write_json(NAME, payload, [])}")
    if slow:
        raise BenchError("over the aim: " + "; ".join(slow))
    return payload
