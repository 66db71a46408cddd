"""Every dashboard answer over a year of data for 10 contractors (100,000
tickets, 20,000 requests), uncached, against the bare page in the same run.

The data is seeded in bulk on a fresh SQLite site; a worker process times each
panel's selector and the whole ``/dashboards/data/`` answer (the carrier's,
all ten companies; one contractor manager's, its own) and the bare
``/bench/bare/`` page through the same Django test client. The aim: each
answer under 300 ms, in a number of queries that does not grow with the data.
"""

import json

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
    header = ("user", "answer", "p50 ms", "p99 ms", "queries", "p50/bare")
    print_rows(
        [
            header,
            *_rows("carrier", found["carrier"]),
            *_rows("manager", found["manager"]),
        ]
    )
    slow = [
        f"{who} {key}: {found[who][key]['p50_ms']} ms"
        for who in ("carrier", "manager")
        for key in found[who]
        if isinstance(found[who][key], dict) and found[who][key]["p50_ms"] > AIM_MS
    ]
    emit(f"aim: every answer under {AIM_MS} ms p50: {'met' if not slow else 'MISSED'}")
    emit(f"command: {config.command}")
    payload = {"command": config.command, "repeats": repeats, **found}
    emit(f"results: {write_json(NAME, payload, [])}")
    if slow:
        raise BenchError("over the aim: " + "; ".join(slow))
    return payload
