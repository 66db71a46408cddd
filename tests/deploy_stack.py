"""What an operator copies from ``deploy/``, run for real in a temporary folder.

The environment file is ``deploy/env.example`` with this run's values; the
nginx site is ``deploy/nginx/daiwei.conf`` rendered by ``envsubst`` as the
README says, served by Debian's nginx in its own prefix (``nginx -p``: pid,
logs and temp files there, nothing under ``/etc/nginx`` written); Daphne runs
with the options of ``deploy/systemd/daphne@.service``.
"""

import os
import pwd
import re
import shlex
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings

NGINX = Path(os.environ.get("NGINX", "/usr/sbin/nginx"))
DEPLOY = Path(settings.BASE_DIR) / "deploy"
SITE_TEMPLATE = DEPLOY / "nginx" / "daiwei.conf"
DAPHNE_UNIT = DEPLOY / "systemd" / "daphne@.service"
TIMER_UNIT = DEPLOY / "systemd" / "workflow-timers.service"
TEMPLATE_NAME = re.compile(r"\$\{(DAIWEI_[A-Z_]+)\}")
MIME_TYPES = Path("/etc/nginx/mime.types")
READY_SECONDS = 20
figures: list[str] = []  # printed at the end of the run (tests/conftest.py)

# Debian's nginx.conf around the site file: the http block a site lives in.
MAIN_CONF = """\
{user}worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log;
events {{ worker_connections 512; }}
http {{
    {mime_types}
    default_type application/octet-stream;
    client_body_temp_path {prefix}/client_body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    access_log {prefix}/access.log;
    include {site};
}}
"""


def read_env_file(path: Path) -> dict[str, str]:
    """``KEY=value`` lines as systemd's ``EnvironmentFile=`` reads them."""
    values = {}
    for line in path.read_text().splitlines():
        line = line.strip()
        if line and not line.startswith(("#", ";")):
            key, _, value = line.partition("=")
            values[key.strip()] = value.strip().removeprefix('"').removesuffix('"')
    return values


def write_env_file(path: Path, values: dict[str, str]) -> Path:
    path.write_text("".join(f'{key}="{value}"\n' for key, value in values.items()))
    return path


def unit_command(unit: Path) -> list[str]:
    """The unit's ``ExecStart=`` as an argument list."""
    line = re.search(r"^ExecStart=(.+)$", unit.read_text(), re.MULTILINE)
    return shlex.split(line.group(1))


def daphne_unit_options() -> tuple[str, ...]:
    """The unit's Daphne options but its address (tests bind their own socket)."""
    command = unit_command(DAPHNE_UNIT)
    start = command.index("portal.serve") + 1 if "portal.serve" in command else 1
    args = command[start:-1]  # between the launcher and the app
    options = []
    while args:
        arg = args.pop(0)
        if arg in ("-b", "-p"):
            args.pop(0)
        else:
            options.append(arg)
    return tuple(options)


def environment(values: dict[str, str]) -> dict[str, str]:
    """What a systemd service gets: a bare environment and the file."""
    return {"PATH": os.environ["PATH"], "LANG": "C.UTF-8", **values}


def run(command: list[str], values: dict[str, str]) -> str:
    """``command`` from the checkout with the environment file; its output."""
    done = subprocess.run(
        command,
        cwd=settings.BASE_DIR,
        env=environment(values),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, f"{command}:\n{done.stdout}{done.stderr}"
    return done.stdout


def run_unit(unit: Path, values: dict[str, str]) -> str:
    """A oneshot unit's command, this checkout's Python for the unit's."""
    command = unit_command(unit)
    if command[0].endswith("/python"):
        command[0] = sys.executable
    return run(command, values)


def manage(values: dict[str, str], *args: str) -> str:
    """``manage.py <args>`` as an operator runs it with the environment file."""
    return run([sys.executable, "manage.py", *args], values)


def self_signed_certificate(folder: Path, host: str) -> tuple[Path, Path]:
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt"]
        + ["ec_paramgen_curve:prime256v1", "-nodes", "-days", "2"]
        + ["-subj", f"/CN={host}", "-addext", f"subjectAltName=DNS:{host}"]
        + ["-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
    )
    return cert, key


def render_site(values: dict[str, str], out: Path) -> Path:
    """The README's envsubst line: only the template's own ${DAIWEI_*} names."""
    template = SITE_TEMPLATE.read_text()
    names = sorted(set(TEMPLATE_NAME.findall(template)))
    missing = [name for name in names if name not in values]
    assert not missing, f"env file lacks {missing}"
    shell_format = " ".join(f"${{{name}}}" for name in names)
    rendered = subprocess.run(
        ["envsubst", shell_format],
        input=template,
        env=environment(values),
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    out.write_text(rendered)
    return out


def _main_conf(prefix: Path, site: Path) -> Path:
    user = pwd.getpwuid(os.getuid()).pw_name
    conf = prefix / "nginx.conf"
    conf.write_text(
        MAIN_CONF.format(
            user=f"user {user};\n" if os.getuid() == 0 else "",
            prefix=prefix,
            site=site,
            mime_types=f"include {MIME_TYPES};" if MIME_TYPES.exists() else "",
        )
    )
    return conf


def free_port() -> int:
    with socket.create_server(("127.0.0.1", 0)) as probe:
        return probe.getsockname()[1]


def _answers(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
        return True
    except OSError:
        return False


@contextmanager
def nginx(prefix: Path, site: Path, port: int) -> Iterator[subprocess.Popen]:
    """nginx in the foreground with ``site``; stopped on the way out."""
    conf = _main_conf(prefix, site)
    command = [str(NGINX), "-p", str(prefix), "-c", str(conf)]
    checked = subprocess.run([*command, "-t"], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    process = subprocess.Popen(
        [*command, "-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=(prefix / "stderr.log").open("wb"),
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + READY_SECONDS
        while not _answers(port):
            assert process.poll() is None, (prefix / "stderr.log").read_text()
            assert time.monotonic() < deadline, "nginx did not listen"
            time.sleep(0.05)
        yield process
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=10)
