"""One approval transition against a bare UPDATE + INSERT in one transaction.

Both run in one process on the same fresh SQLite database: the approval is the
real service (flow lock, claim, decision, audit row, the roster taking effect
and the next node), the baseline the two statements any approval must write.
"""

import json
import statistics

from bench.harness import Config, fresh_site
from bench.report import emit

NAME = "approval_vs_bare"


def _summary(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    return {
        "p50_ms": round(statistics.median(ordered), 3),
        "p99_ms": round(ordered[int(len(ordered) * 0.99) - 1], 3),
        "mean_ms": round(statistics.fmean(ordered), 3),
    }


def main(config: Config) -> dict[str, object]:
    emit(f"== {NAME}: {__doc__.splitlines()[0]}")
    count = max(50, min(config.requests, 300))
    with fresh_site() as site:
        raw = json.loads(site.run("-m", "bench.approval_worker", "-n", str(count)))
    result = {name: _summary(values) for name, values in raw.items()}
    for name, figures in result.items():
        emit(
            f"{name:>9}  n={count}  "
            + "  ".join(f"{k}={v}" for k, v in figures.items())
        )
    ratio = {
        key: round(result["approval"][key] / result["bare"][key], 1)
        for key in ("p50_ms", "p99_ms", "mean_ms")
    }
    emit("approval/bare  " + "  ".join(f"{k} = {v}x" for k, v in ratio.items()))
    emit(f"command: {config.command}")
    return {"command": config.command, "result": result, "ratio": ratio}
