"""One event to 1,000 queue sockets against one event to one socket.

1,000 reviewers, all in the review step's group, each with a logged-in queue
socket opened by this process (``websockets``, asyncio) on one Daphne. Each
round, in turn, with all 1,000 connected: ``single``, POST ``/bench/publish/``
to one reviewer's own group until their socket has the event; ``fan-out``, the
same POST to the reviewers' group until all 1,000 sockets have it (first,
median and last arrival). Both include the POST; the last arrival also
includes this client reading 1,000 frames on the same two cores as the server.
Also the server's CPU and memory, idle, with no socket and with the 1,000 open
(including Daphne's keep-alive pings). Modes as in :mod:`bench.event_roundtrip`:
``memory`` (SQLite, in-memory layer) and ``redis`` (PostgreSQL,
channels-redis), one Daphne each.
"""

import asyncio
import json
import resource
import statistics
import time

from bench.browser import PUBLISH_PATH, TIMEOUT, Browser, open_socket
from bench.harness import (
    BENCH_APP,
    READY_PATH,
    BenchError,
    Config,
    cpu_seconds,
    fresh_site,
    rss_mb,
    serve,
)
from bench.report import (
    emit,
    latency_ratio,
    latency_summary,
    print_latency_ratio,
    print_rows,
    write_json,
)
from bench.seed import REVIEWER

NAME = "fanout"
SOCKETS = 1000
OPENING = 50  # sockets being opened at once
IDLE_SECONDS = {"0 sockets": 5.0, f"{SOCKETS} sockets": 10.0}
ROUNDS = 10
FAN_OUT = ("fan-out first", "fan-out median", "fan-out last")


class Arrivals:
    """When each socket received each event (by ``seq``); wakes the waiter."""

    def __init__(self):
        self.times: dict[int, list[float]] = {}
        self.wanted: dict[int, tuple[int, asyncio.Event]] = {}

    def expect(self, seq: int, count: int) -> asyncio.Event:
        self.times[seq] = []
        self.wanted[seq] = (count, asyncio.Event())
        return self.wanted[seq][1]

    def record(self, seq: int) -> None:
        self.times[seq].append(time.perf_counter())
        count, done = self.wanted[seq]
        if len(self.times[seq]) == count:
            done.set()


async def _listen(socket, arrivals: Arrivals) -> None:
    async for raw in socket:
        seq = json.loads(raw).get("seq")
        if seq is not None:
            arrivals.record(seq)


async def _open_all(port: int, sessions: list[str]) -> list:
    gate = asyncio.Semaphore(OPENING)

    async def one(session: str):
        async with gate:
            return await open_socket(port, sessionid=session)

    return await asyncio.gather(*(one(session) for session in sessions))


async def _idle(pid: int, seconds: float) -> dict[str, float]:
    """The server's CPU % and RSS over ``seconds`` of silence."""
    began, used = time.perf_counter(), cpu_seconds(pid)
    await asyncio.sleep(seconds)
    spent = time.perf_counter() - began
    percent = (cpu_seconds(pid) - used) / spent * 100
    return {"seconds": seconds, "cpu_percent": round(percent, 2), "rss_mb": rss_mb(pid)}


async def _publish(browser, arrivals, seq: int, group: str, count: int) -> list:
    """Seconds from the POST to each of ``count`` arrivals."""
    done = arrivals.expect(seq, count)
    began = time.perf_counter()
    answer = browser.post_soon(PUBLISH_PATH, {"group": group, "seq": seq})
    try:
        await asyncio.wait_for(done.wait(), TIMEOUT)
    except TimeoutError as error:
        got = len(arrivals.times[seq])
        raise BenchError(f"{got} of {count} sockets had the event in 10 s") from error
    (await answer).check(204)
    return [at - began for at in sorted(arrivals.times[seq])]


async def _fanout(pid: int, port: int, seeded: dict) -> dict[str, object]:
    none, many = IDLE_SECONDS
    idle = {none: await _idle(pid, IDLE_SECONDS[none])}
    began = time.perf_counter()
    sockets = await _open_all(port, [seeded["sessionid"], *seeded["colleagues"]])
    opened = time.perf_counter() - began
    idle[many] = await _idle(pid, IDLE_SECONDS[many])
    arrivals = Arrivals()
    listeners = [asyncio.create_task(_listen(s, arrivals)) for s in sockets]
    own = seeded["groups"][0]
    role = next(group for group in seeded["groups"] if group.startswith("group."))
    browser = Browser(port, seeded["sessionid"])
    timings = {label: [] for label in ("single", *FAN_OUT)}
    try:
        for seq in range(0, 2 * ROUNDS, 2):
            timings["single"] += await _publish(browser, arrivals, seq, own, 1)
            fan = await _publish(browser, arrivals, seq + 1, role, len(sockets))
            for label, seconds in zip(
                FAN_OUT, (fan[0], statistics.median(fan), fan[-1]), strict=True
            ):
                timings[label].append(seconds)
    finally:
        browser.close()
        for listener in listeners:
            listener.cancel()
        await asyncio.gather(*(socket.close() for socket in sockets))
    return {"opened_seconds": round(opened, 2), "idle": idle, "timings": timings}


def _raise_fd_limit(wanted: int) -> None:
    """Room for the client's sockets (the server, a child, inherits it)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < wanted:
        if hard != resource.RLIM_INFINITY and hard < wanted:
            raise BenchError(f"open files limited to {hard}; {wanted} needed")
        resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))


def _mode(mode: str) -> dict[str, object]:
    with fresh_site(services=mode == "redis") as site:
        seeded = site.seed(role=REVIEWER, colleagues=SOCKETS - 1)
        with serve(site, BENCH_APP, ready_path=READY_PATH) as server:
            found = asyncio.run(_fanout(server.pid, server.port, seeded))
    figures = {label: latency_summary(v) for label, v in found.pop("timings").items()}
    ratio = latency_ratio(figures["fan-out last"], figures["single"])
    server_command = " ".join(server.command)
    return found | {
        "figures": figures,
        "last_to_single": ratio,
        "server": server_command,
    }


def _print(mode: str, found: dict) -> None:
    opened = found["opened_seconds"]
    emit(f"{mode}: {SOCKETS} sockets opened in {opened} s, {OPENING} at once")
    print_rows(
        [("mode", "measure", "n", "p50 ms", "p99 ms")]
        + [(mode, label, *f.values()) for label, f in found["figures"].items()]
    )
    print_latency_ratio(f"{mode}: fan-out last / single", found["last_to_single"])
    for label, idle in found["idle"].items():
        emit(
            f"{mode}: server idle with {label}: CPU {idle['cpu_percent']}% over "
            f"{idle['seconds']:.0f} s, RSS {idle['rss_mb']} MB"
        )
    emit(f"{mode}: server: {found['server']}")


def main(config: Config) -> dict[str, object]:
    """Both modes: open the sockets, time the rounds, print and write the results."""
    emit(f"== {NAME}: {__doc__.splitlines()[0]}")
    _raise_fd_limit(2 * SOCKETS + 256)
    modes = {mode: _mode(mode) for mode in ("memory", "redis")}
    for mode, found in modes.items():
        _print(mode, found)
        emit()
    emit(f"command: {config.command}")
    payload = {"command": config.command, "sockets": SOCKETS, "modes": modes}
    emit(f"results: {write_json(NAME, payload, [])}")
    return payload
