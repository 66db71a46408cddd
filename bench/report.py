"""Printing and storing benchmark results: a table, ratios, the command, JSON."""

import json
import os
import platform
import shlex
import sys
from dataclasses import asdict
from importlib.metadata import version
from pathlib import Path

from bench.load import Measurement, percentiles

RESULTS_DIR = Path(__file__).resolve().parent / "results"
PACKAGES = (
    "Django",
    "wagtail",
    "daphne",
    "uvicorn",
    "channels",
    "channels-redis",
    "websockets",
    "Twisted",
)
COLUMNS = ("page", "c", "req/s", "p50 ms", "p99 ms", "non-200", "bytes", "n", "s")


def emit(line: str = "") -> None:
    """Write one line of the report to stdout."""
    print(line, flush=True)  # noqa: T201


def environment() -> dict[str, object]:
    """Where the figures were taken: machine, Python and package versions."""
    return {
        "python": platform.python_version(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "packages": {name: version(name) for name in PACKAGES},
    }


def ratios(runs: list[Measurement], *, baseline: str) -> list[dict[str, object]]:
    """Each page against the baseline at the same concurrency."""
    base = {run.concurrency: run for run in runs if run.scenario == baseline}
    return [
        {
            "page": run.scenario,
            "baseline": baseline,
            "concurrency": run.concurrency,
            "rps": round(run.rps / base[run.concurrency].rps, 2),
            "p50": round(run.p50_ms / base[run.concurrency].p50_ms, 2),
            "p99": round(run.p99_ms / base[run.concurrency].p99_ms, 2),
        }
        for run in runs
        if run.scenario != baseline and run.concurrency in base
    ]


def _row(run: Measurement) -> tuple[str, ...]:
    capped = " (time cap hit)" if run.capped else ""
    values = (run.rps, run.p50_ms, run.p99_ms, run.non_200, run.body_bytes)
    return (
        run.scenario,
        str(run.concurrency),
        *map(str, values),
        f"{run.requests}{capped}",
        str(run.seconds),
    )


def print_rows(rows: list[tuple[str, ...]]) -> None:
    """Right-aligned columns; the first row is the header."""
    widths = [max(len(str(row[i])) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        emit(
            "  ".join(
                str(cell).rjust(width) for cell, width in zip(row, widths, strict=True)
            )
        )


def print_table(runs: list[Measurement]) -> None:
    """An aligned table of every measurement."""
    print_rows([COLUMNS, *map(_row, runs)])


def latency_summary(seconds: list[float]) -> dict[str, float]:
    """n, p50 and p99 in milliseconds of a list of durations in seconds."""
    p50, p99 = percentiles(seconds)
    return {
        "n": len(seconds),
        "p50_ms": round(p50 * 1000, 2),
        "p99_ms": round(p99 * 1000, 2),
    }


def latency_ratio(subject: dict, baseline: dict) -> dict[str, float]:
    """p50 and p99 of one latency summary over another's."""
    return {key: round(subject[key] / baseline[key], 2) for key in ("p50_ms", "p99_ms")}


def print_latency_ratio(label: str, ratio: dict[str, float]) -> None:
    """A line like ``memory approve → event / echo: p50 = 40.1x  p99 = 27.9x``."""
    emit(f"{label}: p50 = {ratio['p50_ms']}x  p99 = {ratio['p99_ms']}x")


def print_ratios(found: list[dict[str, object]]) -> None:
    """Lines like ``c=1  home/bare  req/s = 0.31x  p50 = 3.20x  p99 = 2.90x``."""
    for ratio in found:
        pair = f"{ratio['page']}/{ratio['baseline']}"
        emit(
            f"c={ratio['concurrency']}  {pair:<22} req/s = {ratio['rps']:.2f}x  "
            f"p50 = {ratio['p50']:.2f}x  p99 = {ratio['p99']:.2f}x"
        )


def write_json(name: str, payload: dict[str, object], runs: list[Measurement]) -> Path:
    """Store ``payload`` plus runs and environment as ``bench/results/<name>.json``."""
    RESULTS_DIR.mkdir(exist_ok=True)
    path = RESULTS_DIR / f"{name}.json"
    data = {
        "name": name,
        **payload,
        "runs": [asdict(run) for run in runs],
        "environment": environment(),
    }
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    return path


def command_line(argv: list[str]) -> str:
    """The command that reproduces this run, relative to the project when possible."""
    python = Path(sys.executable)
    try:
        python = python.relative_to(Path.cwd())
    except ValueError:
        pass
    return shlex.join([str(python), "-m", "bench", *argv])
