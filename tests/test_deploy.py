"""The scaled mode as deployed: nginx (TLS) in front of two Daphne processes
under the production settings, on PostgreSQL and Redis, from ``deploy/``.

Set up as the README says, with the environment file made from
``deploy/env.example``: migrate and load_demo on a database of its own, the
files of ``collectstatic`` under the production settings, the nginx site
rendered from its template. Then, all over HTTPS through nginx: log in through
the login form, file and approve staff changes through the API while two
sockets (one per Daphne) wait for the event; stop one Daphne and the next
requests and a reconnecting socket still get through; the timer unit's command
fires a due timer and its event reaches both sockets. Prints the approval →
event latency and the failover times.
"""

import http.client
import os
import re
import secrets
import statistics
import time
from contextlib import ExitStack
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest

from tests import deploy_stack as stack
from tests.deploy_client import (
    HOST,
    Stack,
    approve,
    drain,
    events_while,
    file_change,
    live_socket,
    local_day,
    login,
    make_timer_due,
    nginx_log_line,
    session,
    task_of,
    upstreams_of_sockets,
    wait_closed,
)
from tests.servers import ServerOptions, daphne_servers, stop

pytestmark = [
    pytest.mark.services,
    pytest.mark.skipif(
        not (os.environ.get("DATABASE_URL") and os.environ.get("REDIS_URL")),
        reason="DATABASE_URL and REDIS_URL not set: the deployment test runs the "
        "scaled mode on PostgreSQL and Redis (make test-services)",
    ),
    pytest.mark.skipif(
        not stack.NGINX.exists(),
        reason=f"no nginx at {stack.NGINX}: apt-get install nginx-light "
        "(.ci/run installs it)",
    ),
]

# Until /healthz is merged the servers count as up when the login page answers.
READY_PATH = "/healthz"
APPROVALS = 5
# E2E_PORT_BASE=8850: nginx on 8850 (HTTP) and 8853 (HTTPS), Daphne on 8861-2;
# unset, the system picks free ports.
PORT_BASE = int(os.environ.get("E2E_PORT_BASE", "0"))


def e2e_database_url() -> str:
    """The suite's PostgreSQL with a database of this test's own, made empty."""
    url = urlsplit(os.environ["DATABASE_URL"])
    name = f"{url.path.lstrip('/') or 'postgres'}_e2e"
    with psycopg.connect(
        urlunsplit(url._replace(path="/postgres")), autocommit=True
    ) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(url._replace(path=f"/{name}"))


def load_demo_command() -> list[str]:
    """``load_demo --force`` once the command wants it under production."""
    from portal.management.commands.load_demo import Command

    parser = Command().create_parser("manage.py", "load_demo")
    force = re.search(r"--force(?![\w-])", parser.format_help())
    return ["load_demo", "--force"] if force else ["load_demo"]


def env_values(folder: Path, static_root: Path, https_port: int, http_port: int):
    cert, key = stack.self_signed_certificate(folder, HOST)
    origin = f"https://{HOST}:{https_port}"
    values = stack.read_env_file(stack.DEPLOY / "env.example")
    values.update(
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS=HOST,
        DJANGO_CSRF_TRUSTED_ORIGINS=origin,
        WAGTAILADMIN_BASE_URL=origin,
        DATABASE_URL=e2e_database_url(),
        REDIS_URL=os.environ["REDIS_URL"],
        DJANGO_STATIC_ROOT=str(static_root),
        DJANGO_MEDIA_ROOT=str(folder / "media"),
        DAIWEI_SERVER_NAME=HOST,
        DAIWEI_ORIGIN=origin,
        DAIWEI_HTTP_PORT=str(http_port),
        DAIWEI_HTTPS_PORT=str(https_port),
        DAIWEI_TLS_CERTIFICATE=str(cert),
        DAIWEI_TLS_CERTIFICATE_KEY=str(key),
        DAIWEI_STATIC_ROOT=str(static_root),
        DAIWEI_LOG_DIR=str(folder),
    )
    return values, cert


@pytest.fixture(scope="module")
def deployed(tmp_path_factory, production_static):
    folder = tmp_path_factory.mktemp("deploy")
    ports = [PORT_BASE, PORT_BASE + 3, PORT_BASE + 11, PORT_BASE + 12]
    http_port, https_port = (p if PORT_BASE else stack.free_port() for p in ports[:2])
    values, cert = env_values(folder, production_static, https_port, http_port)
    stack.write_env_file(folder / "env", values)
    values = stack.read_env_file(folder / "env")  # what the services read
    stack.manage(values, "migrate", "--noinput", "-v0")
    stack.manage(values, *load_demo_command())
    options = ServerOptions(
        env=values,
        args=stack.daphne_unit_options(),
        ports=tuple(ports[2:]) if PORT_BASE else (),
    )
    with daphne_servers(2, options) as servers:
        upstreams = " ".join(f"server {urlsplit(s.url).netloc};" for s in servers)
        values["DAIWEI_UPSTREAM_SERVERS"] = upstreams
        site = stack.render_site(values, folder / "daiwei.conf")
        with stack.nginx(folder, site, https_port):
            deployed = Stack(
                f"https://{HOST}:{https_port}",
                http_port,
                https_port,
                cert,
                values,
                servers,
                folder / "daiwei.access.log",
            )
            answer = session(deployed).get(deployed.origin + READY_PATH, timeout=10)
            assert answer.status_code == 200, answer.text[:2000]
            yield deployed


def figure(line: str) -> None:
    stack.figures.append(line)
    print(line)  # noqa: T201


def test_nginx_redirects_http_and_serves_hashed_static_itself(deployed):
    plain = session(deployed).get(
        f"http://{HOST}:{deployed.http_port}/accounts/login/?next=/queue/",
        allow_redirects=False,
        timeout=10,
    )
    assert plain.status_code == 301
    assert (
        plain.headers["Location"] == deployed.origin + "/accounts/login/?next=/queue/"
    )

    http = session(deployed)
    page = http.get(deployed.origin + "/accounts/login/", timeout=10)
    assert page.headers["Strict-Transport-Security"].startswith("max-age=")
    css = re.search(r'href="(/static/css/portal\.[0-9a-f]{12}\.css)"', page.text)
    assert css, page.text[:2000]
    static = http.get(deployed.origin + css.group(1), timeout=10)
    assert static.status_code == 200
    assert static.headers["Content-Encoding"] == "gzip"  # the .gz collectstatic made
    assert "immutable" in static.headers["Cache-Control"]
    assert static.headers["Server"] == "nginx"  # no version
    nginx_log_line(deployed, rf"GET {re.escape(css.group(1))} .* upstream=- ")


def test_daphne_logs_the_client_address_nginx_passes(deployed):
    """--proxy-headers: the portal's access line shows the client, not nginx."""
    client = http.client.HTTPSConnection(
        HOST,
        deployed.https_port,
        source_address=("127.0.0.2", 0),
        context=deployed.ssl,
        timeout=10,
    )
    client.request("GET", "/accounts/login/")
    assert client.getresponse().status == 200
    client.close()
    logs = "".join(server.log() for server in deployed.servers)
    assert re.search(r"\] 127\.0\.0\.2 GET /accounts/login/ 200 ", logs), logs


def test_an_approval_reaches_sockets_on_both_servers(deployed):
    lead = login(deployed, "lead_a")
    lead_id = lead.get(deployed.origin + "/api/v1/me", timeout=10).json()["id"]
    users = {name: login(deployed, name) for name in ("manager", "head")}
    latencies = []
    sockets_before = len(upstreams_of_sockets(deployed))
    with ExitStack() as sockets_open:
        sockets = [
            sockets_open.enter_context(live_socket(deployed, lead))
            for _ in deployed.servers
        ]
        for _ in range(APPROVALS):
            change = file_change(deployed, lead, local_day(0))
            approver, task = task_of(deployed, users, change)
            drain(sockets, lead_id)
            seconds, _ = events_while(
                sockets, task, lambda a=approver, t=task: approve(deployed, a, t)
            )
            latencies += seconds
    # nginx writes a socket's log line when it closes, after the client has gone
    deadline = time.monotonic() + 10
    while len(upstreams_of_sockets(deployed)) < sockets_before + 2:
        assert time.monotonic() < deadline, deployed.nginx_log.read_text()
        time.sleep(0.05)
    assert len(set(upstreams_of_sockets(deployed)[-2:])) == 2, "one Daphne each"
    ms = sorted(1000 * s for s in latencies)
    figure(
        "deploy: approve (API POST through nginx) → its event at a wss socket "
        f"through nginx, two Daphne + Redis: p50 {statistics.median(ms):.0f} ms, "
        f"max {ms[-1]:.0f} ms (n={len(ms)}, {APPROVALS} approvals x 2 sockets)"
    )


def test_one_daphne_stops_and_requests_sockets_and_timers_go_on(deployed):
    lead = login(deployed, "lead_a")
    users = {name: login(deployed, name) for name in ("manager", "head")}
    change = file_change(deployed, lead, local_day(1))
    approve(deployed, *task_of(deployed, users, change))
    with ExitStack() as sockets_open:
        sockets = [
            sockets_open.enter_context(live_socket(deployed, lead))
            for _ in deployed.servers
        ]
        stopped = time.perf_counter()
        stop(deployed.servers[0])
        exited = time.perf_counter()
        first = lead.get(deployed.origin + "/queue/", timeout=10)
        answered = time.perf_counter()

        dropped, closed = wait_closed(sockets)
        sockets[dropped] = sockets_open.enter_context(live_socket(deployed, lead))
        reconnected = time.perf_counter()
        queue = [lead.get(deployed.origin + "/queue/", timeout=10) for _ in range(9)]
        assert [a.status_code for a in [first, *queue]] == [200] * 10

        timer = make_timer_due(deployed, change["id"])
        seconds, out = events_while(
            sockets, timer, lambda: stack.run_unit(stack.TIMER_UNIT, deployed.values)
        )
        # Log lines share stdout with the command's own answer (one line per event).
        assert re.search(r"^1 timer\(s\) fired", out, re.MULTILINE), out
    figure(
        f"deploy: one of two Daphne stopped (SIGTERM; it exited in "
        f"{1000 * (exited - stopped):.0f} ms): the next request through nginx "
        f"answered in {1000 * (answered - exited):.0f} ms, all 10 200; the socket "
        f"it held reconnected through nginx in {1000 * (reconnected - closed):.0f} ms"
    )
    figure(
        "deploy: workflow-timers.service's command (own process, env file) "
        f"started → timer's event at both sockets: {1000 * max(seconds):.0f} ms"
    )
