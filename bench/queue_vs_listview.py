"""The queue page against a bare ``ListView`` of the same rows, one Daphne process.

A reviewer (``maintenance_manager``) with 5,000 open review tasks offered to
their group: ``/queue/?tab=offered`` (first page of 50, with the page shell,
tabs, filters and per-row claim forms) against ``/bench/tasks/``, a plain
``ListView`` of the same tasks, 50 a page, in the same order, behind the same
login, rendered by a minimal template without context processors.
"""

from bench.harness import (
    BENCH_APP,
    READY_PATH,
    BenchError,
    Config,
    fetch,
    fresh_site,
    serve,
)
from bench.load import Scenario, measure
from bench.report import emit, print_ratios, print_table, ratios, write_json
from bench.seed import REVIEWER

NAME = "queue_vs_listview"
TASKS = 5000
QUEUE = "/queue/?tab=offered"
LISTVIEW = "/bench/tasks/"
ROWS = {QUEUE: b"data-row=", LISTVIEW: b"data-task="}


def _check_pages(scenarios: list[Scenario]) -> None:
    """Both pages list a full page of 50 rows."""
    for scenario in scenarios:
        status, body = fetch(scenario.port, scenario.path, scenario.headers)
        rows = body.count(ROWS[scenario.path])
        if status != 200 or rows != 50:
            raise BenchError(f"{scenario.name}: status {status}, {rows} rows, not 50")


def _table_of(sql: str) -> str:
    """The first table a statement reads, to name the queries."""
    words = sql.replace('"', "").split()
    return words[words.index("FROM") + 1] if "FROM" in words else words[0]


def main(config: Config) -> dict[str, object]:
    """Measure both pages, print the table, ratios and queries, write JSON."""
    emit(f"== {NAME}: {__doc__.splitlines()[0]}")
    with fresh_site() as site:
        seeded = site.seed(role=REVIEWER, tasks=TASKS, paths=(QUEUE, LISTVIEW))
        cookie = {"Cookie": f"sessionid={seeded['sessionid']}"}
        with serve(site, BENCH_APP, ready_path=READY_PATH) as server:
            scenarios = [
                Scenario("listview", server.port, LISTVIEW, cookie),
                Scenario("queue", server.port, QUEUE, cookie),
            ]
            _check_pages(scenarios)
            runs = [
                run
                for concurrency in config.concurrency
                for run in measure(scenarios, concurrency=concurrency, config=config)
            ]
    found = ratios(runs, baseline="listview")
    print_table(runs)
    emit()
    print_ratios(found)
    queries = seeded["queries"]["logged_in"]
    emit(f"queries per request: queue {queries[QUEUE]}, listview {queries[LISTVIEW]}")
    for path in (QUEUE, LISTVIEW):
        emit(f"  {path}: " + ", ".join(map(_table_of, seeded["sql"][path])))
    emit(f"server:  DJANGO_SETTINGS_MODULE=bench.settings {' '.join(server.command)}")
    emit(f"command: {config.command}")
    payload = {
        "command": config.command,
        "server": " ".join(server.command),
        "tasks": TASKS,
        "queries": queries,
        "sql": seeded["sql"],
        "ratios": found,
    }
    emit(f"results: {write_json(NAME, payload, runs)}")
    return payload
