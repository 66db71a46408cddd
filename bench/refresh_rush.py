"""1,000 open queue pages and one approval that concerns them all.

1,000 reviewers, each with a logged-in queue socket (``websockets``, asyncio)
on one Daphne, each page showing the "to claim" tab with the same open review
tasks. One reviewer approves one of them (the real decision form); every page
must end up without that row. Three rounds on the same server:

* ``bare fan-out``: one event without an approval (``/bench/publish/``) to the
  reviewers' group, pages doing nothing: the floor.
* ``refetch`` (the client before issue 17): each page GETs its whole queue
  fragment on the event, as ``live.js`` did on every event.
* ``rows`` (``live.js`` now): each page applies the event (the row left the
  tab: drop it, move the counts); it would fetch the one row only if the row
  entered its tab, and its whole queue only if the event says it is behind.

For each: the server's CPU seconds from the POST until every page is correct
(its rows are the truth read afterwards) and the seconds until the last one
is. Modes as in :mod:`bench.event_roundtrip`: ``memory`` (SQLite, in-memory
layer, local-memory cache) and ``redis`` (PostgreSQL, channels-redis, Redis
cache).
"""

import asyncio
import http.client
import json
import os
import re
import time

from bench.browser import PUBLISH_PATH, TIMEOUT, Browser
from bench.fanout import _open_all, _raise_fd_limit
from bench.harness import (
    BENCH_APP,
    HOST,
    READY_PATH,
    BenchError,
    Config,
    cpu_seconds,
    fresh_site,
    serve,
)
from bench.report import emit, print_rows, write_json
from bench.seed import REVIEWER

NAME = "refresh_rush"
SOCKETS = int(os.environ.get("BENCH_RUSH_SOCKETS", 1000))
TASKS = 3  # open review tasks every page shows
FETCHING = 50  # page fetches in flight at once (the client's side)
ROW = re.compile(rb'data-row="(task-\d+)"')
FRAGMENT = "/queue/?tab=offered&fragment=1"


def _get(port: int, sessionid: str, path: str) -> bytes:
    conn = http.client.HTTPConnection(HOST, port, timeout=TIMEOUT * 3)
    try:
        conn.request(
            "GET",
            path,
            headers={"Cookie": f"sessionid={sessionid}", "X-Requested-With": "live"},
        )
        response = conn.getresponse()
        body = response.read()
        if response.status != 200:
            raise BenchError(f"GET {path}: {response.status}")
        return body
    finally:
        conn.close()


def _rows(body: bytes) -> set[str]:
    return {match.decode() for match in ROW.findall(body)}


class Page:
    """One open queue page: its rows, applied the way its policy says."""

    def __init__(self, port: int, sessionid: str, rows: set[str], gate):
        self.port, self.sessionid, self.rows, self.gate = port, sessionid, rows, gate

    async def refetch(self) -> None:
        async with self.gate:
            body = await asyncio.to_thread(_get, self.port, self.sessionid, FRAGMENT)
        self.rows = _rows(body)

    async def apply(self, event: dict) -> None:
        """What ``live.js`` does with an event on the "to claim" tab."""
        if event.get("resync") or "from" not in event:
            return await self.refetch()
        key = f"task-{event['task']}"
        if event["to"] == "offered":
            async with self.gate:
                path = f"{FRAGMENT}&row={event['task']}"
                body = await asyncio.to_thread(_get, self.port, self.sessionid, path)
            self.rows = (self.rows - {key}) | _rows(body)
        elif event["from"] == "offered":
            self.rows = self.rows - {key}


async def _round(pid, sockets, pages, truth_of, act, policy: str, expect) -> dict:
    """Run ``act`` (a POST) and the pages' handling of the event ``expect``
    picks; the server's CPU and the time until the last page is correct."""
    done = asyncio.Event()
    pending = {"n": len(pages)}
    handled = []

    async def listen(socket, page):
        async for raw in socket:
            event = json.loads(raw)
            if event.get("type") != "queue.changed" or not expect(event):
                continue
            if policy == "refetch":
                await page.refetch()
            elif policy == "rows":
                await page.apply(event)
            handled.append(time.perf_counter())
            pending["n"] -= 1
            if pending["n"] == 0:
                done.set()
            return

    listeners = [
        asyncio.create_task(listen(s, p)) for s, p in zip(sockets, pages, strict=True)
    ]
    used, began = cpu_seconds(pid), time.perf_counter()
    await act()
    try:
        await asyncio.wait_for(done.wait(), 120)
    except TimeoutError as error:
        raise BenchError(f"{policy}: {pending['n']} pages never handled it") from error
    last = max(handled) - began
    cpu = cpu_seconds(pid) - used
    for listener in listeners:
        listener.cancel()
    truth = await truth_of()
    wrong = sum(1 for page in pages if truth is not None and page.rows != truth)
    if wrong:
        raise BenchError(f"{policy}: {wrong} pages show other rows than the truth")
    return {"cpu_seconds": round(cpu, 2), "last_correct_seconds": round(last, 2)}


async def _rush(pid: int, port: int, seeded: dict) -> dict:
    sessions = [seeded["sessionid"], *seeded["colleagues"]]
    sockets = await _open_all(port, sessions)
    gate = asyncio.Semaphore(FETCHING)
    start = _rows(await asyncio.to_thread(_get, port, sessions[0], FRAGMENT))
    if len(start) != TASKS:
        raise BenchError(f"pages show {len(start)} rows, not {TASKS}")
    pages = [Page(port, session, set(start), gate) for session in sessions]
    browser = Browser(port, seeded["sessionid"])
    role = next(group for group in seeded["groups"] if group.startswith("group."))
    tasks = list(seeded["tasks"])

    async def truth():
        body = await asyncio.to_thread(_get, port, sessions[-1], FRAGMENT)
        return _rows(body)

    async def publish():
        answer = await browser.post_soon(PUBLISH_PATH, {"group": role, "seq": 1})
        answer.check(204)

    def approve(request_pk, task_pk):
        async def post():
            path = f"/requests/{request_pk}/tasks/{task_pk}/"
            answer = await browser.post_soon(path, {"decision": "approved"})
            answer.check(302)

        return post

    async def unchanged():
        return None  # the bare event changes no row

    found = {}
    try:
        found["bare fan-out"] = await _round(
            pid, sockets, pages, unchanged, publish, "bare", lambda e: "seq" in e
        )
        for policy in ("refetch", "rows"):
            request_pk, task_pk = tasks.pop(0)

            def about(event, task_pk=task_pk):
                return event.get("task") == task_pk

            found[policy] = await _round(
                pid, sockets, pages, truth, approve(request_pk, task_pk), policy, about
            )
    finally:
        browser.close()
        await asyncio.gather(*(socket.close() for socket in sockets))
    return found


def _mode(mode: str) -> dict:
    with fresh_site(services=mode == "redis") as site:
        seeded = site.seed(role=REVIEWER, submit=TASKS, colleagues=SOCKETS - 1)
        with serve(site, BENCH_APP, ready_path=READY_PATH) as server:
            try:
                return asyncio.run(_rush(server.pid, server.port, seeded))
            except BenchError:
                for log in site.path.glob("*.log"):
                    emit(log.read_text()[-3000:])
                raise


def main(config: Config) -> dict[str, object]:
    emit(f"== {NAME}: {__doc__.splitlines()[0]}")
    _raise_fd_limit(2 * SOCKETS + 256)
    modes = {mode: _mode(mode) for mode in ("memory", "redis")}
    rows = [("mode", "round", "server CPU s", "last page correct s", "CPU / bare")]
    for mode, found in modes.items():
        bare = found["bare fan-out"]["cpu_seconds"] or 0.01
        for label, figures in found.items():
            ratio = round(figures["cpu_seconds"] / bare, 1)
            rows.append((mode, label, *map(str, figures.values()), f"{ratio}x"))
    print_rows(rows)
    emit(f"command: {config.command}")
    payload = {"command": config.command, "sockets": SOCKETS, "modes": modes}
    emit(f"results: {write_json(NAME, payload, [])}")
    return payload
