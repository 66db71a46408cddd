"""A logged-in browser against a real server: form posts and sockets.

Posts go over one keep-alive connection with the session cookie and a CSRF
token (cookie and header); sockets are ``websockets`` clients sending the
``Origin`` a page would. Anything that does not answer within
:data:`TIMEOUT` fails the benchmark.
"""

import asyncio
import http.client
import json
import secrets
import string
import time
from dataclasses import dataclass
from urllib.parse import urlencode

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import WebSocketException

from bench.harness import HOST, BenchError

LIVE_PATH = "/ws/live/"
ECHO_PATH = "/bench/echo/"
PUBLISH_PATH = "/bench/publish/"
ORIGIN = f"http://{HOST}"
TIMEOUT = 10.0


@dataclass(frozen=True)
class Answer:
    """An HTTP answer: status, ``Location`` and when it was read (perf_counter)."""

    status: int
    location: str
    at: float

    def check(self, status: int, location: str = "") -> None:
        """Fail the bench unless the answer is ``status`` (to ``location``)."""
        if self.status != status or not self.location.endswith(location):
            raise BenchError(f"answer {self.status} {self.location!r}, not {status}")


class Browser:
    """One user's HTTP side: a session cookie, a CSRF token, one connection."""

    def __init__(self, port: int, sessionid: str):
        alphabet = string.ascii_letters + string.digits
        self.csrf = "".join(secrets.choice(alphabet) for _ in range(32))
        self.sessionid = sessionid
        self.conn = http.client.HTTPConnection(HOST, port, timeout=TIMEOUT)

    def post(self, path: str, fields: dict[str, object]) -> Answer:
        """POST a form as the page would; a broken connection fails the bench."""
        headers = {
            "Cookie": f"sessionid={self.sessionid}; csrftoken={self.csrf}",
            "X-CSRFToken": self.csrf,
            "Content-Type": "application/x-www-form-urlencoded",
        }
        try:
            self.conn.request("POST", path, body=urlencode(fields), headers=headers)
            response = self.conn.getresponse()
            response.read()
        except (OSError, http.client.HTTPException) as error:
            self.conn.close()
            raise BenchError(f"POST {path}: {error!r}") from error
        location = response.getheader("Location", "")
        return Answer(response.status, location, time.perf_counter())

    def post_soon(self, path: str, fields: dict[str, object]) -> asyncio.Task:
        """Start :meth:`post` on a thread (inside a running loop): a task
        resolving to its Answer."""
        return asyncio.create_task(asyncio.to_thread(self.post, path, fields))

    def close(self) -> None:
        self.conn.close()


async def open_socket(
    port: int, path: str = LIVE_PATH, sessionid: str = ""
) -> ClientConnection:
    """A socket to ``path``; on the live path, logged in and past its hello."""
    headers = {"Cookie": f"sessionid={sessionid}"} if sessionid else {}
    try:
        socket = await connect(
            f"ws://{HOST}:{port}{path}",
            origin=ORIGIN,
            additional_headers=headers,
            compression=None,
            ping_interval=None,
            proxy=None,
            open_timeout=TIMEOUT,
        )
    except (OSError, TimeoutError, WebSocketException) as error:
        raise BenchError(f"socket {path} refused: {error!r}") from error
    if path == LIVE_PATH:
        hello = await receive(socket)
        if hello.get("type") != "hello":
            raise BenchError(f"socket {path}: expected hello, got {hello}")
    return socket


async def receive(socket: ClientConnection, timeout: float = TIMEOUT) -> dict:
    """The next JSON message; silence or a closed socket fails the bench."""
    try:
        return json.loads(await asyncio.wait_for(socket.recv(), timeout))
    except TimeoutError as error:
        raise BenchError(f"no message within {timeout:.0f} s") from error
    except WebSocketException as error:
        raise BenchError(f"socket closed: {error!r}") from error


async def arrival(socket: ClientConnection, key: str, value: object) -> float:
    """Read until a message with ``key`` == ``value``: when it arrived."""
    return (await arrival_of(socket, key, value))[0]


async def arrival_of(
    socket: ClientConnection, key: str, value: object
) -> tuple[float, dict]:
    """Read until a message with ``key`` == ``value``: when it arrived, and it."""
    deadline = time.perf_counter() + TIMEOUT
    while True:
        message = await receive(socket, max(deadline - time.perf_counter(), 0.001))
        if message.get(key) == value:
            return time.perf_counter(), message


async def echo_seconds(socket: ClientConnection) -> float:
    """One text frame to the echo socket and back."""
    began = time.perf_counter()
    await socket.send('{"type": "ping"}')
    await receive(socket)
    return time.perf_counter() - began
