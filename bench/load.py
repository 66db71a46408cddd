"""A bounded loopback load generator: keep-alive HTTP clients on threads.

Each scenario gets a fixed number of requests, split over ``concurrency``
clients that start together, and stops early at the time cap. Scenarios
measured together take turns in rounds (subject, baseline, subject, ...), so
drift in the machine's load hits both alike. Any response other than 200
fails the benchmark.
"""

import http.client
import statistics
import threading
import time
from dataclasses import dataclass, field

from bench.harness import HOST, BenchError, Config

ROUNDS = 5


@dataclass(frozen=True)
class Scenario:
    """A page to load: its label, server port, path and request headers."""

    name: str
    port: int
    path: str
    headers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Measurement:
    """The figures of one scenario at one concurrency."""

    scenario: str
    path: str
    concurrency: int
    requests: int
    seconds: float
    rps: float
    p50_ms: float
    p99_ms: float
    non_200: int
    body_bytes: int
    capped: bool


@dataclass
class _Tally:
    latencies: list[float] = field(default_factory=list)
    statuses: list[int] = field(default_factory=list)
    body_bytes: int = 0

    def add(self, other: "_Tally") -> None:
        self.latencies += other.latencies
        self.statuses += other.statuses
        self.body_bytes = max(self.body_bytes, other.body_bytes)


def percentiles(values: list[float]) -> tuple[float, float]:
    """p50 and p99 of ``values`` (linear interpolation between samples)."""
    if len(values) < 2:
        return (values[0], values[0]) if values else (0.0, 0.0)
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return cuts[49], cuts[98]


def _client(
    scenario: Scenario,
    count: int,
    deadline: float,
    start: threading.Barrier,
    tally: _Tally,
) -> None:
    conn = http.client.HTTPConnection(HOST, scenario.port, timeout=30)
    try:
        conn.connect()  # outside the timings
    except OSError:
        pass  # the first request tries again and counts the failure
    start.wait()
    for _ in range(count):
        if time.perf_counter() > deadline:
            break
        began = time.perf_counter()
        try:
            conn.request("GET", scenario.path, headers=scenario.headers)
            response = conn.getresponse()
            body, status = response.read(), response.status
        except (OSError, http.client.HTTPException):
            conn.close()  # reopened by the next request
            body, status = b"", 0
        tally.latencies.append(time.perf_counter() - began)
        tally.statuses.append(status)
        tally.body_bytes = len(body)
    conn.close()


def _run(
    scenario: Scenario, concurrency: int, total: int, cap: float
) -> tuple[_Tally, float]:
    """Send ``total`` requests over ``concurrency`` clients; merged tally, seconds."""
    tallies = [_Tally() for _ in range(concurrency)]
    start = threading.Barrier(concurrency + 1, timeout=60)
    deadline = time.perf_counter() + cap
    counts = [
        total // concurrency + (i < total % concurrency) for i in range(concurrency)
    ]
    threads = [
        threading.Thread(target=_client, args=(scenario, n, deadline, start, tally))
        for n, tally in zip(counts, tallies, strict=True)
    ]
    for thread in threads:
        thread.start()
    start.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - began
    merged = _Tally()
    for tally in tallies:
        merged.add(tally)
    return merged, seconds


def _check(tally: _Tally, label: str) -> None:
    """Fail loudly on any answer other than 200 (0 counts a broken connection)."""
    bad = [status for status in tally.statuses if status != 200]
    if bad:
        raise BenchError(f"{label}: {len(bad)} non-200 answers {sorted(set(bad))}")


def _measurement(
    scenario: Scenario, concurrency: int, tally: _Tally, seconds: float, wanted: int
) -> Measurement:
    p50, p99 = percentiles(tally.latencies)
    done = len(tally.latencies)
    return Measurement(
        scenario=scenario.name,
        path=scenario.path,
        concurrency=concurrency,
        requests=done,
        seconds=round(seconds, 3),
        rps=round(done / seconds, 1),
        p50_ms=round(p50 * 1000, 2),
        p99_ms=round(p99 * 1000, 2),
        non_200=0,
        body_bytes=tally.body_bytes,
        capped=done < wanted,
    )


def measure(
    scenarios: list[Scenario], *, concurrency: int, config: Config
) -> list[Measurement]:
    """Warm each scenario up, then load them in turn for :data:`ROUNDS` rounds
    of ``config.requests / ROUNDS`` each; raise BenchError on any non-200."""
    for scenario in scenarios:
        label = f"{scenario.name} c={concurrency}"
        _check(_run(scenario, concurrency, config.warmup, config.time_cap)[0], label)
    tallies = {scenario.name: _Tally() for scenario in scenarios}
    seconds = dict.fromkeys(tallies, 0.0)
    for round_ in range(ROUNDS):
        share = config.requests // ROUNDS + (round_ < config.requests % ROUNDS)
        for scenario in scenarios:
            tally, spent = _run(scenario, concurrency, share, config.time_cap / ROUNDS)
            _check(tally, f"{scenario.name} c={concurrency}")
            tallies[scenario.name].add(tally)
            seconds[scenario.name] += spent
    return [
        _measurement(s, concurrency, tallies[s.name], seconds[s.name], config.requests)
        for s in scenarios
    ]
