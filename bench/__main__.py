"""Run every benchmark: ``python -m bench [name ...] [-n REQUESTS] [-c 1,4]``.

A benchmark is a module ``bench/<name>.py`` with a ``main(config)`` function,
listed in :data:`BENCHMARKS` in the order ``make bench`` runs them.
"""

import argparse
import importlib
import sys

from bench.harness import BenchError, Config
from bench.report import command_line, emit

BENCHMARKS = (
    "home_vs_bare",
    "approval_vs_bare",
    "queue_vs_listview",
    "event_roundtrip",
    "fanout",
    "refresh_rush",
    "servers",
    "pool_approvals",
    "import_vs_bulk",
    "export_rows",
    "import_queue",
    "dashboards",
    "sla_sweep",
)


def discover() -> list[str]:
    """The benchmark module names, in run order."""
    return list(BENCHMARKS)


def parse(argv: list[str]) -> tuple[list[str], Config]:
    """The benchmarks to run and the load configuration."""
    defaults = Config()
    parser = argparse.ArgumentParser(
        prog="python -m bench", description=__doc__.splitlines()[0]
    )
    parser.add_argument("names", nargs="*", metavar="name", help=", ".join(discover()))
    parser.add_argument("-n", "--requests", type=int, default=defaults.requests)
    parser.add_argument("-w", "--warmup", type=int, default=defaults.warmup)
    parser.add_argument(
        "-c", "--concurrency", default=",".join(map(str, defaults.concurrency))
    )
    parser.add_argument(
        "--time-cap", type=float, default=defaults.time_cap, help="seconds per scenario"
    )
    args = parser.parse_args(argv)
    unknown = set(args.names) - set(discover())
    if unknown:
        parser.error(f"no such benchmark: {', '.join(sorted(unknown))}")
    config = Config(
        requests=args.requests,
        warmup=args.warmup,
        concurrency=tuple(int(level) for level in args.concurrency.split(",")),
        time_cap=args.time_cap,
        command=command_line(argv),
    )
    return args.names or discover(), config


def main(argv: list[str] | None = None) -> int:
    """Run the chosen benchmarks; exit status 1 when any of them failed."""
    names, config = parse(sys.argv[1:] if argv is None else argv)
    failed = []
    for name in names:
        try:
            importlib.import_module(f"bench.{name}").main(config)
        except BenchError as error:
            emit(f"!! {name} FAILED: {error}")
            failed.append(name)
        emit()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
