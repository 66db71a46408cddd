"""Seed a year of data (``bench.dashboards_seed``) and time each dashboard
answer, uncached, in this process: ``python -m bench.dashboards_worker -n 15``.

For the carrier and for one contractor manager: every panel's selector
(``panel_answer``) and the whole data answer (``/dashboards/data/``) through
Django's test client, against the bare page (``/bench/bare/``) through the
same client in the same run. Nothing is cached between calls (the rules
snapshot is cleared each time too). Prints JSON.
"""

import argparse
import json
import sys
import time

import django


def _timed(call, repeats: int) -> tuple[list[float], list[float], int]:
    """Wall and CPU durations of ``repeats`` calls after one warm-up, and the
    queries of one. CPU time (this process's, SQLite runs inside it) tells the
    work apart from waiting for a core on a shared machine."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from home.rules import reader

    call()
    seconds, cpu = [], []
    for _ in range(repeats):
        reader._SNAPSHOTS.clear()
        started, used = time.perf_counter(), time.process_time()
        call()
        seconds.append(time.perf_counter() - started)
        cpu.append(time.process_time() - used)
    reader._SNAPSHOTS.clear()
    with CaptureQueriesContext(connection) as queries:
        call()
    return seconds, cpu, len(queries)


def _client(user):
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    return client


def _get(client, path):
    def call():
        response = client.get(path)
        if response.status_code != 200:
            raise RuntimeError(f"{path}: {response.status_code}")

    return call


def _summary(seconds, cpu, queries) -> dict:
    from bench.report import latency_summary

    cpu_p50 = latency_summary(cpu)["p50_ms"]
    return latency_summary(seconds) | {"cpu_p50_ms": cpu_p50, "queries": queries}


def measure(user, repeats: int) -> dict:
    from dashboards.registry import panels
    from dashboards.selectors import panel_answer, scope_for
    from registry.roles import is_carrier

    scope = scope_for(user=user, period="12m")
    found = {}
    for panel in panels():

        def answer(panel=panel):
            # A new scope each time: nothing the last answer read is reused.
            return panel_answer(panel, scope_for(user=user, period="12m"))

        found[f"panel:{panel.key}"] = _summary(*_timed(answer, repeats))
    client = _client(user)
    for name, path in (("bare", "/bench/bare/"), ("data", "/dashboards/data/")):
        found[name] = _summary(*_timed(_get(client, path), repeats))
    return {"carrier": is_carrier(user), "companies": len(scope.company_ids), **found}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--repeats", type=int, default=15)
    args = parser.parse_args()
    django.setup()
    from bench.dashboards_seed import seed_all

    started = time.perf_counter()
    world, seeded = seed_all()
    seed_s = round(time.perf_counter() - started, 1)
    results = {
        "seeded": seeded | {"seconds": seed_s},
        "carrier": measure(world.carrier, args.repeats),
        "manager": measure(world.managers[0], args.repeats),
    }
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
