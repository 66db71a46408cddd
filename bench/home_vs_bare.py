"""The Wagtail home page against a bare ``TemplateView``, one Daphne process.

Anonymous and logged-in (a ``carrier_admin`` user) home page, each compared
with ``/bench/bare/``: similar HTML from a template engine without context
processors, so no database queries.
"""

from bench.harness import BenchError, Config, Server, fetch, fresh_site, serve
from bench.load import Measurement, Scenario, measure
from bench.report import emit, print_ratios, print_table, ratios, write_json
from registry.roles import Role

NAME = "home_vs_bare"
BARE = "/bench/bare/"
HOME = "/"


def _scenarios(port: int, seeded: dict) -> list[Scenario]:
    cookie = {"Cookie": f"sessionid={seeded['sessionid']}"}
    return [
        Scenario("bare", port, BARE),
        Scenario("home anon", port, HOME),
        Scenario("home user", port, HOME, cookie),
    ]


def _check_pages(server: Server, scenarios: list[Scenario], username: str) -> None:
    """Each page answers 200, and only the logged-in home page greets the user."""
    for scenario in scenarios:
        status, body = fetch(server.port, scenario.path, scenario.headers)
        logged_in = username.encode() in body
        if status != 200 or logged_in != (scenario.name == "home user"):
            raise BenchError(f"{scenario.name}: status {status}, logged in {logged_in}")


def _run(config: Config) -> tuple[list[Measurement], dict, str]:
    with fresh_site() as site:
        seeded = site.seed(role=Role.CARRIER_ADMIN.value, paths=[BARE, HOME])
        if seeded["queries"]["anonymous"][BARE]:
            raise BenchError(f"the bare page makes queries: {seeded['queries']}")
        with serve(site, "portal.asgi:application", ready_path=BARE) as server:
            scenarios = _scenarios(server.port, seeded)
            _check_pages(server, scenarios, seeded["username"])
            runs = [
                run
                for concurrency in config.concurrency
                for run in measure(scenarios, concurrency=concurrency, config=config)
            ]
    return runs, seeded["queries"], " ".join(server.command)


def main(config: Config) -> dict[str, object]:
    """Measure, print the table and ratios, and write the JSON results."""
    emit(f"== {NAME}: {__doc__.splitlines()[0]}")
    runs, queries, server_command = _run(config)
    found = ratios(runs, baseline="bare")
    print_table(runs)
    emit()
    print_ratios(found)
    emit(f"queries per request: {queries}")
    emit(f"server:  DJANGO_SETTINGS_MODULE=bench.settings {server_command}")
    emit(f"command: {config.command}")
    payload = {
        "command": config.command,
        "server": server_command,
        "queries": queries,
        "ratios": found,
    }
    emit(f"results: {write_json(NAME, payload, runs)}")
    return payload
