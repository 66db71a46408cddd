"""One SLA timer sweep over 10,000 open fault tickets, 100 of them due, against
the sweep's bare first query (the due timers' ids) in the same run.

The tickets are seeded in bulk on a fresh SQLite site, each with its accept
step and its two SLA timers armed; a worker process times one sweep
(``workflows.dispatcher.fire_due``) per round, each round with other tickets
due, and counts the queries of one sweep with 3 due and one with 100 (the aim:
under 1 s, the same number of queries).
"""

import json
import os

from bench.harness import BenchError, Config, fresh_site
from bench.report import emit, write_json

NAME = "sla_sweep"
TICKETS = int(os.environ.get("BENCH_SLA_TICKETS", "10000"))
DUE = int(os.environ.get("BENCH_SLA_DUE", "100"))
AIM_S = 1.0


def main(config: Config) -> dict[str, object]:
    emit(f"== {NAME}: {__doc__.splitlines()[0]}")
    with fresh_site() as site:
        args = ("-m", "bench.sla_sweep_worker", "-n", str(TICKETS), "--due", str(DUE))
        found = json.loads(site.run(*args))
    result = {
        "tickets": found["tickets"],
        "timers": found["timers"],
        "due": found["due"],
        "sweep_ms": round(found["sweep_s"] * 1000, 1),
        "bare_ms": round(found["bare_s"] * 1000, 2),
        "queries": found["queries"],
        "queries_3_due": found["queries_3_due"],
        "empty_sweep_ms": round(found["empty_sweep_s"] * 1000, 1),
        "empty_queries": found["empty_queries"],
    }
    ratio = {"sweep/bare": round(found["sweep_s"] / found["bare_s"])}
    emit("  ".join(f"{key}={value}" for key, value in result.items()))
    emit("  ".join(f"{key} = {value}x" for key, value in ratio.items()))
    constant = result["queries"] == result["queries_3_due"]
    emit(f"aim, one sweep under {AIM_S} s: {result['sweep_ms'] < AIM_S * 1000}")
    emit(f"aim, the same queries for 3 and {DUE} due: {constant}")
    emit(f"command: {config.command}")
    payload = {"command": config.command, "result": result, "ratio": ratio}
    emit(f"results: {write_json(NAME, payload, [])}")
    if found["sweep_s"] > AIM_S * 10:
        raise BenchError(f"one sweep took {result['sweep_ms']} ms")
    return payload
