"""The queue page's req/s while a 50,000-row staff import runs in the
background worker, against the same page idle: one Daphne process and one
``db_worker`` on a fresh SQLite site (embedded mode, as ``make run``).

A reviewer with 500 open review tasks loads ``/queue/?tab=offered`` (c=1):
idle, then while the worker previews the file (its dry run, rolled back),
then while it imports it (one write transaction: SQLite's one writer is
taken). Each measurement records whether the import was still running when
it ended; the import's own rows per second come from the run's timestamps.
"""

import json
import os
import sqlite3
import subprocess
import sys
import time

from bench.harness import (
    BENCH_APP,
    READY_PATH,
    ROOT,
    BenchError,
    Config,
    fresh_site,
    serve,
)
from bench.load import Scenario, measure
from bench.report import emit
from bench.seed import REVIEWER

NAME = "import_queue"
ROWS = int(os.environ.get("BENCH_IMPORT_ROWS", "50000"))
TASKS = 500
QUEUE = "/queue/?tab=offered"
WORKER = ["manage.py", "db_worker", "--backend", "imports", "--queue-name", "imports"]


def _status(site, run_id: int) -> str:
    with sqlite3.connect(site.env["SQLITE_PATH"], timeout=30) as db:
        row = db.execute(
            "SELECT status FROM registry_importrun WHERE id = ?", (run_id,)
        ).fetchone()
    return row[0]


def _wait(site, run_id: int, wanted: set[str], timeout: float = 1800) -> float:
    deadline = time.monotonic() + timeout
    while (status := _status(site, run_id)) not in wanted:
        if status == "failed":
            raise BenchError(f"import run {run_id} failed")
        if time.monotonic() > deadline:
            raise BenchError(f"import run {run_id} still {status} after {timeout} s")
        time.sleep(0.2)
    return time.monotonic()


def _load(scenario: Scenario, config: Config, site, run_id: int) -> dict:
    [run] = measure([scenario], concurrency=1, config=config)
    return {
        "rps": run.rps,
        "p50_ms": run.p50_ms,
        "p99_ms": run.p99_ms,
        "import_still_running": _status(site, run_id) == "running",
    }


def main(config: Config) -> dict[str, object]:
    emit(f"== {NAME}: queue page req/s while a {ROWS}-row import runs, vs idle")
    with fresh_site() as site:
        seeded = site.seed(role=REVIEWER, tasks=TASKS, paths=(QUEUE,))
        cookie = {"Cookie": f"sessionid={seeded['sessionid']}"}
        worker_args = ("-m", "bench.import_worker", "-n", str(ROWS), "--phase")
        run_id = json.loads(site.run(*worker_args, "enqueue"))["run"]
        log = (site.path / "worker.log").open("wb")
        with serve(site, BENCH_APP, ready_path=READY_PATH) as server:
            scenario = Scenario("queue", server.port, QUEUE, cookie)
            figures = {"idle": _load(scenario, config, site, run_id)}
            worker = subprocess.Popen(
                [sys.executable, *WORKER],
                cwd=ROOT,
                env=site.env,
                stdout=log,
                stderr=log,
            )
            try:
                started = _wait(site, run_id, {"running", "previewed"})
                figures["during_preview"] = _load(scenario, config, site, run_id)
                previewed = _wait(site, run_id, {"previewed"})
                site.run(*worker_args, "confirm", "--run", str(run_id))
                applying = _wait(site, run_id, {"running", "applied"})
                figures["during_import"] = _load(scenario, config, site, run_id)
                applied = _wait(site, run_id, {"applied"})
            finally:
                worker.terminate()
                worker.wait(timeout=60)
            figures["idle_after"] = _load(scenario, config, site, run_id)
    idle = (figures["idle"]["rps"] + figures["idle_after"]["rps"]) / 2
    ratio = {
        f"{phase}/idle": round(figures[phase]["rps"] / idle, 2)
        for phase in ("during_preview", "during_import")
    }
    timing = {
        "preview_s": round(previewed - started, 1),
        "import_s": round(applied - applying, 1),
        "rows_per_s": round(2 * ROWS / (previewed - started + applied - applying)),
    }
    for phase, values in figures.items():
        emit(f"{phase}: " + "  ".join(f"{k}={v}" for k, v in values.items()))
    emit("  ".join(f"{key} = {value}x" for key, value in ratio.items()))
    emit("worker: " + "  ".join(f"{k}={v}" for k, v in timing.items()))
    emit(f"server:  DJANGO_SETTINGS_MODULE=bench.settings {' '.join(server.command)}")
    emit(f"worker:  {' '.join(WORKER)}")
    emit(f"command: {config.command}")
    return {
        "command": config.command,
        "rows": ROWS,
        "figures": figures,
        "ratio": ratio,
        "timing": timing,
    }
