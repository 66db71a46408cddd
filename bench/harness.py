"""Shared benchmark helpers: a fresh site and a server process.

A bench module builds a :class:`Site` (temporary SQLite database, or a private
PostgreSQL database and Redis db with ``services=True``; migrated, static files
collected), serves it with :func:`serve` (Daphne or uvicorn) and measures it
with :mod:`bench.load` or :mod:`bench.browser`; :mod:`bench.report` prints and
stores the results.
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
# The portal with the bench's echo socket, and a page that answers without
# touching the database (the server is up when it does).
BENCH_APP = "bench.asgi:application"
READY_PATH = "/bench/bare/"
# The scaled mode's services; a database and a Redis db no one else uses
# (``BENCH_DATABASE``, ``BENCH_REDIS_URL`` pick others).
SERVICES_DATABASE = "postgres://postgres@127.0.0.1:5432/{name}"
BENCH_DATABASE = os.environ.get("BENCH_DATABASE", "benchdb")
BENCH_REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/7")


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

    def seed(self, *, role: str, paths: tuple[str, ...] = (), **counts: int) -> dict:
        """A user in ``role`` with a session, query counts and, as ``counts``
        ask (``tasks``, ``submit``, ``colleagues``), more (see bench.seed)."""
        args = [arg for path in paths for arg in ("--path", path)]
        args += [arg for key, n in counts.items() for arg in (f"--{key}", str(n))]
        return json.loads(self.run("-m", "bench.seed", "--role", role, *args))


def _services_reset() -> dict[str, str]:
    """Empty the bench's own PostgreSQL database and Redis db; their URLs."""
    import psycopg
    import redis

    admin = SERVICES_DATABASE.format(name="postgres")
    try:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {BENCH_DATABASE} WITH (FORCE)")
            conn.execute(f"CREATE DATABASE {BENCH_DATABASE}")
        redis.Redis.from_url(BENCH_REDIS_URL).flushdb()
    except (psycopg.Error, redis.RedisError) as error:
        raise BenchError(f"PostgreSQL or Redis unavailable: {error}") from error
    return {
        "DATABASE_URL": SERVICES_DATABASE.format(name=BENCH_DATABASE),
        "REDIS_URL": BENCH_REDIS_URL,
    }


@contextmanager
def fresh_site(
    settings: str = "bench.settings", *, services: bool = False
) -> Iterator[Site]:
    """A migrated site with collected static files, deleted afterwards.

    Embedded mode (SQLite, in-memory channel layer) unless ``services``: then
    the scaled mode's PostgreSQL (database ``benchdb``) and Redis (db 7).
    """
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
        if services:
            env |= _services_reset()
        site = Site(Path(tmp), env)
        site.run("manage.py", "migrate", "--noinput", "-v0")
        site.run("manage.py", "collectstatic", "--noinput", "-v0")
        yield site


@dataclass(frozen=True)
class Server:
    """A running server: where it listens, its process and its command line."""

    port: int
    pid: int
    command: list[str]


# One process each; access logs off, as behind a proxy that keeps them.
SERVERS = {
    "daphne": lambda port, app: [
        str(BIN / "daphne"),
        "-v",
        "0",
        "-b",
        HOST,
        "-p",
        str(port),
        app,
    ],
    "uvicorn": lambda port, app: [
        str(BIN / "uvicorn"),
        "--host",
        HOST,
        "--port",
        str(port),
        "--no-access-log",
        "--lifespan",
        "off",
        app,
    ],
}


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time a process has used so far (Linux ``/proc``)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mb(pid: int) -> float:
    """Resident memory of a process in MB (Linux ``/proc``)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    raise BenchError(f"no VmRSS for process {pid}")


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


# How long a server may take to answer (a loaded machine: BENCH_READY_SECONDS).
READY_SECONDS = float(os.environ.get("BENCH_READY_SECONDS", "60"))


def _wait_ready(proc: subprocess.Popen, port: int, path: str, log: Path) -> None:
    deadline = time.monotonic() + READY_SECONDS
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise BenchError(f"server exited:\n{log.read_text()[-3000:]}")
        try:
            if fetch(port, path)[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise BenchError(
        f"server not ready in {READY_SECONDS:.0f} s:\n{log.read_text()[-3000:]}"
    )


@contextmanager
def serve(
    site: Site, app: str, *, ready_path: str, server: str = "daphne"
) -> Iterator[Server]:
    """Run ``server`` on a free loopback port until the block ends, however it
    ends (Daphne, as ``make run`` does, unless told ``uvicorn``)."""
    port = free_port()
    command = SERVERS[server](port, app)
    log = site.path / f"{server}-{port}.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(command, cwd=ROOT, env=site.env, stdout=out, stderr=out)
        try:
            _wait_ready(proc, port, ready_path, log)
            yield Server(port, proc.pid, command)
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
