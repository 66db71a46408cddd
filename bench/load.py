"""A bounded loopback load generator: keep-alive HTTP clients on threads.

Each scenario gets a fixed number of requests, split over ``concurrency``
clients that start together, and stops early at the time cap. Any response
other than 200 fails the benchmark.
"""

import http.client
import statistics
import threading
import time
from dataclasses import dataclass, field

from bench.harness import HOST, BenchError, Config


@dataclass(frozen=True)
class Scenario:
    """A page to load: its label, path and request headers (e.g. a cookie)."""

    name: str
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


def percentiles(values: list[float]) -> tuple[float, float]:
    """p50 and p99 of ``values`` (linear interpolation between samples)."""
    if len(values) < 2:
        return (values[0], values[0]) if values else (0.0, 0.0)
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return cuts[49], cuts[98]


def _client(
    port: int,
    scenario: Scenario,
    count: int,
    deadline: float,
    start: threading.Barrier,
    tally: _Tally,
) -> None:
    conn = http.client.HTTPConnection(HOST, port, timeout=30)
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
    port: int, scenario: Scenario, concurrency: int, total: int, cap: float
) -> tuple[_Tally, float]:
    """Send ``total`` requests over ``concurrency`` clients; merged tally, seconds."""
    tallies = [_Tally() for _ in range(concurrency)]
    start = threading.Barrier(concurrency + 1, timeout=60)
    deadline = time.perf_counter() + cap
    counts = [
        total // concurrency + (i < total % concurrency) for i in range(concurrency)
    ]
    threads = [
        threading.Thread(
            target=_client, args=(port, scenario, n, deadline, start, tally)
        )
        for n, tally in zip(counts, tallies, strict=True)
    ]
    for thread in threads:
        thread.start()
    start.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - began
    merged = _Tally(body_bytes=max(t.body_bytes for t in tallies))
    for tally in tallies:
        merged.latencies += tally.latencies
        merged.statuses += tally.statuses
    return merged, seconds


def _check(tally: _Tally, label: str) -> None:
    """Fail loudly on any answer other than 200 (0 counts a broken connection)."""
    bad = [status for status in tally.statuses if status != 200]
    if bad:
        raise BenchError(f"{label}: {len(bad)} non-200 answers {sorted(set(bad))}")


def measure(
    port: int, scenario: Scenario, *, concurrency: int, config: Config
) -> Measurement:
    """Warm up, then load ``scenario``; raise BenchError on any non-200 answer."""
    label = f"{scenario.name} c={concurrency}"
    _check(_run(port, scenario, concurrency, config.warmup, config.time_cap)[0], label)
    tally, seconds = _run(port, scenario, concurrency, config.requests, config.time_cap)
    _check(tally, label)
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
        capped=done < config.requests,
    )
