"""Talking to the deployed portal through nginx, as browsers and scripts do."""

import datetime
import json
import re
import ssl
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

import psycopg
import requests
from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from websockets.protocol import State
from websockets.sync.client import ClientConnection, connect

from fixtures import DEMO_PASSWORD
from tests.servers import Server, post_form
from tests.workflows.sockets import HELLO, PATH, sentinel_event
from workflows.live.groups import user_group

HOST = "localhost"
EVENT_SECONDS = 10


@dataclass
class Stack:
    origin: str  # https://localhost:<port>
    http_port: int
    https_port: int
    cert: Path
    values: dict[str, str]  # the environment file
    servers: list[Server]
    nginx_log: Path

    @property
    def ssl(self) -> ssl.SSLContext:
        return ssl.create_default_context(cafile=self.cert)


def session(deployed: Stack) -> requests.Session:
    http = requests.Session()
    http.trust_env = (
        False  # else REQUESTS_CA_BUNDLE wins over verify (psf/requests#3829)
    )
    http.verify = str(deployed.cert)
    return http


def login(deployed: Stack, username: str) -> requests.Session:
    """Through nginx and the login form, as a browser does."""
    http = session(deployed)
    url = deployed.origin + "/accounts/login/"
    answer = post_form(http, url, {"username": username, "password": DEMO_PASSWORD})
    assert answer.status_code == 302, answer.text[:2000]
    return http


def api_post(deployed: Stack, http: requests.Session, path: str, payload: dict):
    headers = {"X-CSRFToken": http.cookies["csrftoken"], "Referer": deployed.origin}
    url = f"{deployed.origin}/api/v1{path}"
    return http.post(url, json=payload, headers=headers, timeout=10)


@contextmanager
def live_socket(deployed: Stack, http: requests.Session) -> Iterator[ClientConnection]:
    """``/ws/live/`` over wss through nginx with the browser's Origin and cookies."""
    cookie = "; ".join(f"{c.name}={c.value}" for c in http.cookies)
    with connect(
        f"wss://{HOST}:{deployed.https_port}{PATH}",
        origin=deployed.origin,
        additional_headers={"Cookie": cookie},
        ssl=deployed.ssl,
        open_timeout=10,
    ) as socket:
        assert json.loads(socket.recv(timeout=10)) == HELLO
        yield socket


def local_day(days: int) -> str:
    today = datetime.datetime.now(ZoneInfo("Asia/Shanghai")).date()
    return (today + datetime.timedelta(days=days)).isoformat()


def file_change(deployed: Stack, lead: requests.Session, effective: str) -> dict:
    mine = lead.get(deployed.origin + "/api/v1/staff-changes?limit=1", timeout=10)
    payload = {
        "contract_id": mine.json()["items"][0]["contract_id"],
        "kind": "add",
        "reason": "新站点开通",
        "effective_date": effective,
        "people_in": [{"name": "部署测试"}],
    }
    answer = api_post(deployed, lead, "/staff-changes", payload)
    assert answer.status_code == 201, answer.text
    return answer.json()


def task_of(deployed: Stack, users: dict, change: dict) -> tuple[requests.Session, int]:
    """The approver of ``change`` and its task, from the request's page."""
    approver = users["manager" if change["route"] == "review" else "head"]
    page = approver.get(f"{deployed.origin}/requests/{change['id']}/", timeout=10)
    task = re.search(rf"/requests/{change['id']}/tasks/(\d+)/", page.text)
    assert task, page.text[:2000]
    return approver, int(task.group(1))


def approve(deployed: Stack, approver: requests.Session, task: int) -> None:
    action = {"action": "approve", "comment": "同意"}
    answer = api_post(deployed, approver, f"/tasks/{task}/actions", action)
    assert answer.status_code == 200, answer.text


def event_of(socket: ClientConnection, task: int) -> float:
    """When (perf_counter) the event about ``task`` came; earlier ones are skipped."""
    deadline = time.monotonic() + EVENT_SECONDS
    while True:
        event = json.loads(socket.recv(timeout=deadline - time.monotonic()))
        if event.get("task") == task:
            assert event["type"] == "queue.changed", event
            return time.perf_counter()


def drain(sockets: list[ClientConnection], user_id: int) -> None:
    """Read what the sockets of ``user_id`` got so far (filing a change sends
    events too), up to a marker sent now through the servers' Redis layer."""
    sentinel = sentinel_event()
    async_to_sync(get_channel_layer().group_send)(user_group(user_id), sentinel)
    for socket in sockets:
        while json.loads(socket.recv(timeout=EVENT_SECONDS)) != sentinel:
            continue


def events_while(sockets, task: int, action) -> tuple[list[float], object]:
    """Seconds from ``action()`` starting until each socket has the task's event."""
    with ThreadPoolExecutor(len(sockets)) as pool:
        waiting = [pool.submit(event_of, socket, task) for socket in sockets]
        start = time.perf_counter()
        result = action()
        return [future.result() - start for future in waiting], result


def nginx_log_line(deployed: Stack, pattern: str) -> re.Match:
    """A line of nginx's access log; nginx writes it after the response has gone."""
    deadline = time.monotonic() + EVENT_SECONDS
    while True:
        found = re.search(pattern, deployed.nginx_log.read_text())
        if found or time.monotonic() > deadline:
            assert found, deployed.nginx_log.read_text()
            return found
        time.sleep(0.05)


def upstreams_of_sockets(deployed: Stack) -> list[str]:
    """The Daphne each closed socket was on, from nginx's access log."""
    lines = deployed.nginx_log.read_text().splitlines()
    return [
        re.search(r"upstream=(\S+)", line).group(1)
        for line in lines
        if f"GET {PATH} " in line and '" 101 ' in line
    ]


def wait_closed(sockets: list[ClientConnection]) -> tuple[int, float]:
    """The one socket the stopped server closed, and when it was seen closed."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        closed = [i for i, s in enumerate(sockets) if s.state is State.CLOSED]
        if closed:
            assert len(closed) == 1, "both sockets were on the stopped server"
            return closed[0], time.perf_counter()
        time.sleep(0.01)
    raise AssertionError("no socket closed when its server stopped")


def make_timer_due(deployed: Stack, process_id: int) -> int:
    """Move the change's effective-date timer to now, as tomorrow would; its id."""
    with psycopg.connect(deployed.values["DATABASE_URL"], autocommit=True) as db:
        moved = db.execute(
            "UPDATE viewflow_task SET scheduled = now() "
            "WHERE process_id = %s AND status = 'SCHEDULED' RETURNING id",
            [process_id],
        ).fetchall()
    assert len(moved) == 1
    return moved[0][0]
