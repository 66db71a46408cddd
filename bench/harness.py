"""Shared benchmark helpers: a fresh site, a Daphne server and a load generator.

A bench module builds a :class:`Site` (temporary SQLite database, migrated, static
files collected), serves it with :func:`serve` and measures pages with
:func:`measure`; :mod:`bench.report` prints and stores the results.
"""

import http.client
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
HOST = "127.0.0.1"


class BenchError(RuntimeError):
    """A benchmark could not produce trustworthy figures."""


@dataclass(frozen=True)
class Config:
    """How much load each scenario gets; set from the command line."""

    requests: int = 500
    warmup: int = 50
    concurrency: tuple[int, ...] = (1, 4)
    time_cap: float = 60.0
    command: str = ""


@dataclass(frozen=True)
class Site:
    """A throwaway project instance: its directory and the environment to run it."""

    path: Path
    env: dict[str, str]

    def run(self, *args: str) -> str:
        """Run ``python <args>`` in the project against this site; return stdout."""
        done = subprocess.run(
            [sys.executable, *args], cwd=ROOT, env=self.env, capture_output=True
        )
        if done.returncode:
            raise BenchError(f"{args} failed:\n{done.stderr.decode()[-3000:]}")
        return done.stdout.decode()

    def seed(self, *, role: str, paths: list[str]) -> dict:
        """A user in ``role`` with a session, and query counts (see bench.seed)."""
        path_args = [arg for path in paths for arg in ("--path", path)]
        return json.loads(self.run("-m", "bench.seed", "--role", role, *path_args))


@contextmanager
def fresh_site(settings: str = "bench.settings") -> Iterator[Site]:
    """A migrated SQLite site with collected static files, deleted afterwards."""
    with tempfile.TemporaryDirectory(prefix="daiwei-bench-") as tmp:
        env = {
            k: v
            for k, v in os.environ.items()
            if k not in ("DATABASE_URL", "REDIS_URL")
        }
        env |= {
            "DJANGO_SETTINGS_MODULE": settings,
            "SQLITE_PATH": f"{tmp}/db.sqlite3",
            "DJANGO_STATIC_ROOT": f"{tmp}/static",
            "DJANGO_MEDIA_ROOT": f"{tmp}/media",
            "PYTHONPATH": str(ROOT),
        }
        site = Site(Path(tmp), env)
        site.run("manage.py", "migrate", "--noinput", "-v0")
        site.run("manage.py", "collectstatic", "--noinput", "-v0")
        yield site


@dataclass(frozen=True)
class Server:
    """A running server: where it listens and the command that started it."""

    port: int
    command: list[str]


def free_port() -> int:
    """A TCP port on the loopback interface that is free right now."""
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def fetch(
    port: int, path: str, headers: dict[str, str] | None = None
) -> tuple[int, bytes]:
    """One GET on a new connection: status and body."""
    conn = http.client.HTTPConnection(HOST, port, timeout=10)
    try:
        conn.request("GET", path, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def _wait_ready(proc: subprocess.Popen, port: int, path: str, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise BenchError(f"server exited:\n{log.read_text()[-3000:]}")
        try:
            if fetch(port, path)[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise BenchError(f"server not ready in 60 s:\n{log.read_text()[-3000:]}")


@contextmanager
def serve(site: Site, app: str, *, ready_path: str) -> Iterator[Server]:
    """Run Daphne on a free loopback port until the block ends, however it ends."""
    port = free_port()
    command = [str(BIN / "daphne"), "-b", HOST, "-p", str(port), app]
    log = site.path / "daphne.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(command, cwd=ROOT, env=site.env, stdout=out, stderr=out)
        try:
            _wait_ready(proc, port, ready_path, log)
            yield Server(port, command)
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
