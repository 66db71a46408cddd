"""10,000 staff rows downloaded from the staff list (CSV streamed, XLSX built)
against ``csv.writer`` over ``values_list`` of the same columns, in the same
run on the same fresh SQLite site.

Each export runs in its own process and is read to its end as a server sends
it: its time, CPU, time to the first bytes, and peak resident memory, also as
the growth over the process's memory when the export began (Django loaded).
"""

import json
import os

from bench.harness import Config, fresh_site
from bench.report import emit

NAME = "export_rows"
ROWS = int(os.environ.get("BENCH_EXPORT_ROWS", "10000"))
FORMATS = ("bare", "csv", "xlsx")


def main(config: Config) -> dict[str, object]:
    emit(f"== {NAME}: {ROWS} staff rows, list download (CSV, XLSX) vs bare csv.writer")
    with fresh_site() as site:
        worker = ("-m", "bench.import_worker", "-n", str(ROWS), "--phase")
        seeded = json.loads(site.run(*worker, "seed"))
        if seeded["rows"] != ROWS:
            raise RuntimeError(seeded)
        runs = {
            name: json.loads(site.run(*worker, f"export-{name}")) for name in FORMATS
        }
    result = {}
    for name, run in runs.items():
        result[name] = {
            "s": round(run["export_s"], 2),
            "cpu_s": round(run["export_cpu_s"], 2),
            "first_bytes_ms": round(run["first_bytes_s"] * 1000),
            "file_mb": round(run["file_mb"], 1),
            "peak_rss_mb": round(run["peak_rss_mb"]),
            "growth_mb": round(run["peak_rss_mb"] - run["start_rss_mb"]),
        }
        emit(f"{name}: " + "  ".join(f"{k}={v}" for k, v in result[name].items()))
    bare = runs["bare"]
    ratio = {
        f"{name}/bare": round(runs[name]["export_s"] / bare["export_s"], 1)
        for name in ("csv", "xlsx")
    } | {
        f"{name}/bare cpu": round(runs[name]["export_cpu_s"] / bare["export_cpu_s"], 1)
        for name in ("csv", "xlsx")
    }
    emit("  ".join(f"{key} = {value}x" for key, value in ratio.items()))
    emit(f"command: {config.command}")
    return {"command": config.command, "rows": ROWS, "result": result, "ratio": ratio}
