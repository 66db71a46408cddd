"""50,000 staff rows imported from a CSV (preview, then confirm) against
``bulk_create`` of the same rows, in the same run on the same fresh SQLite site.

The import reads and validates every row twice (the dry run the user sees, then
the real run in one transaction); the baseline only inserts. Peak memory is each
phase's own process's peak resident set. CPU seconds beside the wall clock: on a
shared machine the wall clock of two phases run a minute apart compares loads as
much as code.
"""

import json
import os

from bench.harness import Config, fresh_site
from bench.report import emit

NAME = "import_vs_bulk"
ROWS = int(os.environ.get("BENCH_IMPORT_ROWS", "50000"))


def main(config: Config) -> dict[str, object]:
    emit(f"== {NAME}: {ROWS} staff rows, import (preview + confirm) vs bulk_create")
    with fresh_site() as site:
        worker = ("-m", "bench.import_worker", "-n", str(ROWS), "--phase")
        bulk = json.loads(site.run(*worker, "bulk"))
        imported = json.loads(site.run(*worker, "import"))
    total = imported["preview_s"] + imported["apply_s"]
    total_cpu = imported["preview_cpu_s"] + imported["apply_cpu_s"]
    result = {
        "rows": ROWS,
        "bulk_s": round(bulk["bulk_s"], 2),
        "preview_s": round(imported["preview_s"], 2),
        "apply_s": round(imported["apply_s"], 2),
        "import_rows_per_s": round(ROWS / total),
        "bulk_cpu_s": round(bulk["bulk_cpu_s"], 2),
        "import_cpu_s": round(total_cpu, 2),
        "import_rows_per_cpu_s": round(ROWS / total_cpu),
        "file_mb": round(imported["file_mb"], 1),
        "bulk_peak_rss_mb": round(bulk["peak_rss_mb"]),
        "import_peak_rss_mb": round(imported["peak_rss_mb"]),
    }
    ratio = {
        "import/bulk": round(total / bulk["bulk_s"], 1),
        "confirm/bulk": round(imported["apply_s"] / bulk["bulk_s"], 1),
        "import/bulk cpu": round(total_cpu / bulk["bulk_cpu_s"], 1),
    }
    emit("  ".join(f"{key}={value}" for key, value in result.items()))
    emit("  ".join(f"{key} = {value}x" for key, value in ratio.items()))
    emit(f"command: {config.command}")
    return {"command": config.command, "result": result, "ratio": ratio}
