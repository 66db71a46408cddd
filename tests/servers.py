"""Real Daphne processes on the test database, for end-to-end tests.

A test module starts them once (``with daphne_servers(2) as servers``) in a
module-scoped fixture; its tests must be ``django_db(transaction=True)`` so
the rows they make are committed and visible to the servers. Each server
listens on a socket this process bound (no port race), logs into a file that
a failing test shows, and runs in its own process group, killed on the way out
(and by the kernel if pytest itself is killed).
"""

import ctypes
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import requests
from django.conf import settings
from django.db import connection
from django.test import Client

READY_SECONDS = 60
STOP_SECONDS = 5
LOG_TAIL = 20_000
DAPHNE = Path(sys.executable).with_name("daphne")
PR_SET_PDEATHSIG = 1  # linux/prctl.h

running: list["Server"] = []  # read by the report hook in tests/conftest.py


@dataclass
class Server:
    url: str  # http://127.0.0.1:<port>, also the Origin its pages send
    process: subprocess.Popen
    log_path: Path

    @property
    def ws_url(self) -> str:
        return "ws" + self.url.removeprefix("http")

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")[-LOG_TAIL:]


def servers_database_env() -> dict[str, str]:
    """The environment that points a settings module at this run's test database."""
    name = connection.settings_dict["NAME"]
    if connection.vendor == "sqlite":
        return {"DATABASE_URL": "", "SQLITE_PATH": name}
    url = urlsplit(os.environ["DATABASE_URL"])
    return {"DATABASE_URL": urlunsplit(url._replace(path=f"/{name}"))}


def _die_with_parent() -> None:
    """In the child: SIGKILL when pytest dies, even killed without a teardown."""
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def _listener() -> socket.socket:
    """A socket on a free port: any, or one of ``TEST_SERVER_PORTS`` (``low-high``)
    on a machine where each job keeps to its own ports.
    """
    ports = os.environ.get("TEST_SERVER_PORTS", "")
    if not ports:
        return socket.create_server(("127.0.0.1", 0), backlog=64)
    low, high = (int(part) for part in ports.split("-"))
    for port in range(low, high + 1):
        try:
            return socket.create_server(("127.0.0.1", port), backlog=64)
        except OSError:
            continue
    raise RuntimeError(f"No free port in TEST_SERVER_PORTS={ports}")


def _start(log_dir: Path) -> Server:
    with _listener() as listener:
        port = listener.getsockname()[1]
        log_path = log_dir / f"daphne-{port}.log"
        env = {
            **os.environ,
            **servers_database_env(),
            "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        }
        with log_path.open("wb") as log:
            process = subprocess.Popen(
                [DAPHNE, "--fd", str(listener.fileno()), "portal.asgi:application"],
                cwd=settings.BASE_DIR,
                env=env,
                pass_fds=[listener.fileno()],
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                preexec_fn=_die_with_parent if sys.platform == "linux" else None,
            )
    # Only the server holds the socket now: if it dies, connecting fails at once.
    return Server(f"http://127.0.0.1:{port}", process, log_path)


def _stop(server: Server) -> None:
    if server in running:
        running.remove(server)
    try:
        os.killpg(server.process.pid, signal.SIGTERM)
        server.process.wait(timeout=STOP_SECONDS)
    except ProcessLookupError:
        return
    except subprocess.TimeoutExpired:
        os.killpg(server.process.pid, signal.SIGKILL)
        server.process.wait()


def _wait_ready(server: Server) -> None:
    """Wait for the first HTTP answer; a server that exits or never answers fails."""
    deadline = time.monotonic() + READY_SECONDS
    while server.process.poll() is None and time.monotonic() < deadline:
        try:
            urllib.request.urlopen(server.url + "/queue/count/", timeout=2).close()
            return
        except urllib.error.HTTPError:
            return  # any HTTP answer means it serves
        except OSError:
            continue  # still importing Django: the request waited in the backlog
    raise RuntimeError(
        f"Daphne at {server.url} did not start (exit code "
        f"{server.process.poll()}):\n{server.log()}"
    )


@contextmanager
def daphne_servers(count: int) -> Iterator[list[Server]]:
    """``count`` servers of ``portal.asgi:application`` on the test database.

    They share its channel layer only through ``REDIS_URL``; without it each
    has its own in-memory layer.
    """
    with ExitStack() as stack:
        log_dir = Path(stack.enter_context(tempfile.TemporaryDirectory("-daphne")))
        servers = []
        for _ in range(count):  # start all, then wait: they import in parallel
            server = _start(log_dir)
            stack.callback(_stop, server)
            servers.append(server)
            running.append(server)
        for server in servers:
            _wait_ready(server)
        yield servers


def session_id(user) -> str:
    """A session of ``user`` in the database, as its cookie value."""
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def session_for(user) -> requests.Session:
    """An HTTP session logged in as ``user`` for any of the servers."""
    http = requests.Session()
    http.cookies.set(settings.SESSION_COOKIE_NAME, session_id(user))
    return http


def post_form(http: requests.Session, url: str, data: dict) -> requests.Response:
    """Submit the form on the page at ``url`` the way a browser does: CSRF and all."""
    page = http.get(url, timeout=10)
    page.raise_for_status()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    assert token, f"no CSRF token on {url}"
    data = {"csrfmiddlewaretoken": token.group(1), **data}
    return http.post(url, data=data, allow_redirects=False, timeout=10)
