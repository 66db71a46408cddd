"""Production settings in fresh interpreters: what a server or command started
with (or without) the service's environment does."""

import json
import secrets

import pytest

from .processes import run

PRODUCTION = "portal.settings.production"
HOSTS = "testserver,portal.example.com"


@pytest.fixture
def embedded_env(tmp_path):
    """Production on an (empty) SQLite file, opted in: no server needed."""
    return {
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": HOSTS,
        "DJANGO_ALLOW_SQLITE": "true",
        "SQLITE_PATH": str(tmp_path / "db.sqlite3"),
    }


@pytest.mark.parametrize("module", ["portal.asgi", "portal.wsgi"])
def test_a_server_without_a_settings_module_refuses_without_a_secret(module):
    result = run(["-c", f"import {module}"], None)

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_workflow_timers_without_a_database_url_refuses_and_creates_no_file(
    embedded_env, tmp_path
):
    env = {k: v for k, v in embedded_env.items() if k != "DJANGO_ALLOW_SQLITE"}

    result = run(["manage.py", "workflow_timers"], PRODUCTION, **env)

    assert result.returncode != 0
    assert "Set the DATABASE_URL environment variable" in result.stderr
    assert not (tmp_path / "db.sqlite3").exists()


def test_sqlite_is_used_in_production_only_when_asked_for(embedded_env):
    script = "from django.conf import settings as s; print(s.DATABASES['default'])"

    result = run(["-c", script], PRODUCTION, **embedded_env)

    assert result.returncode == 0, result.stderr
    assert embedded_env["SQLITE_PATH"] in result.stdout


PRINT_DATABASE = (
    "import json; from django.conf import settings as s; "
    "d = s.DATABASES['default']; "
    "print(json.dumps([d['CONN_MAX_AGE'], d.get('OPTIONS', {}).get('pool')]))"
)
POSTGRES = "postgres://portal:secret@db.internal:5432/portal"


@pytest.mark.parametrize("settings_module", ["portal.settings.dev", PRODUCTION])
def test_postgresql_connections_come_from_a_pool_sized_by_the_environment(
    settings_module, embedded_env
):
    result = run(
        ["-c", PRINT_DATABASE],
        settings_module,
        **embedded_env,
        DATABASE_URL=POSTGRES,
        DJANGO_DB_POOL_MIN_SIZE="3",
        DJANGO_DB_POOL_MAX_SIZE="7",
    )

    assert result.returncode == 0, result.stderr
    conn_max_age, pool = json.loads(result.stdout)
    assert conn_max_age == 0
    assert pool == {"min_size": 3, "max_size": 7, "timeout": 10.0}


def test_the_pool_can_be_switched_off(embedded_env):
    result = run(
        ["-c", PRINT_DATABASE],
        PRODUCTION,
        **embedded_env,
        DATABASE_URL=POSTGRES,
        DJANGO_DB_POOL="false",
    )

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [0, None]


# Requests through Django's test client inside a production process; its last
# line of output is the answers as JSON, the lines before are the logs.
ANSWERS = """
import json, sys
import django
django.setup()
from django.conf import settings
from django.test import Client

client = Client(raise_request_exception=False)
def answer(path, **headers):
    response = client.get(path, **headers)
    return {
        "status": response.status_code,
        "location": response.get("Location", ""),
        "hsts": response.get("Strict-Transport-Security", ""),
        "request_id": response.get("X-Request-ID", ""),
        "cookies": sorted(response.cookies),
    }
https = {"HTTP_X_FORWARDED_PROTO": "https"}
print(json.dumps({
    "login_http": answer("/accounts/login/"),
    "health_http": answer("/healthz"),
    "health_https": answer("/healthz", **https),
    "broken": answer("/nope/", HTTP_X_REQUEST_ID="proxy-id-1234", **https),
    "csrf_trusted_origins": settings.CSRF_TRUSTED_ORIGINS,
    "wagtailadmin_base_url": settings.WAGTAILADMIN_BASE_URL,
}))
"""


def answers(env) -> tuple[dict, list[str]]:
    result = run(["-c", ANSWERS], PRODUCTION, **env)
    assert result.returncode == 0, result.stderr
    *logs, last = result.stdout.splitlines()
    return json.loads(last), logs


def test_plain_http_is_redirected_to_https_but_the_health_check_is_not(
    embedded_env,
):
    found, _ = answers(embedded_env)

    assert found["login_http"]["status"] == 301
    assert found["login_http"]["location"] == "https://testserver/accounts/login/"
    assert found["health_http"]["status"] == 200
    assert found["health_http"]["cookies"] == []


def test_hsts_starts_short_without_preload_and_the_operator_raises_it(embedded_env):
    found, _ = answers(embedded_env)
    raised, _ = answers(
        embedded_env
        | {
            "DJANGO_SECURE_HSTS_SECONDS": "31536000",
            "DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS": "true",
            "DJANGO_SECURE_HSTS_PRELOAD": "true",
        }
    )

    assert found["health_https"]["hsts"] == "max-age=3600"
    assert raised["health_https"]["hsts"] == (
        "max-age=31536000; includeSubDomains; preload"
    )


def test_public_address_and_trusted_origins_come_from_the_environment(embedded_env):
    default, _ = answers(embedded_env)
    told, _ = answers(
        embedded_env
        | {
            "WAGTAILADMIN_BASE_URL": "https://portal.example.com",
            "DJANGO_CSRF_TRUSTED_ORIGINS": "https://portal.example.com",
        }
    )

    assert default["wagtailadmin_base_url"] == "https://testserver"
    assert told["wagtailadmin_base_url"] == "https://portal.example.com"
    assert told["csrf_trusted_origins"] == ["https://portal.example.com"]


def test_every_log_line_of_a_request_carries_its_id_one_line_per_event(
    embedded_env,
):
    """The page tree has no tables in this empty database: a 500, logged."""
    found, logs = answers(embedded_env)

    assert found["broken"]["status"] == 500
    assert found["broken"]["request_id"] == "proxy-id-1234"
    of_request = [line for line in logs if "/nope/" in line]
    assert any("ERROR django.request" in line for line in of_request), logs
    assert any("INFO portal.access" in line for line in of_request), logs
    assert all("[proxy-id-1234]" in line for line in of_request), logs
    assert not [line for line in logs if line.startswith(("Traceback", "  File"))]
