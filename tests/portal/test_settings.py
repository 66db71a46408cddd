"""Settings per mode, read in fresh interpreters with the environment they get."""

import secrets

import pytest

from .processes import run

PRINT_MODE = (
    "from django.conf import settings as s; d = s.DATABASES['default']; "
    "print(d['ENGINE']); print(s.CHANNEL_LAYERS['default']['BACKEND']); "
    "print(d.get('OPTIONS', {}).get('transaction_mode')); "
    "print(d.get('OPTIONS', {}).get('init_command'))"
)


def mode(**env) -> list[str]:
    result = run(["-c", PRINT_MODE], "portal.settings.dev", **env)
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def test_embedded_mode_uses_sqlite_with_immediate_wal_and_memory_layer():
    engine, layer, transaction_mode, init_command = mode()

    assert engine == "django.db.backends.sqlite3"
    assert layer == "portal.layers.SweepingInMemoryChannelLayer"
    assert transaction_mode == "IMMEDIATE"
    assert "journal_mode=WAL" in init_command


def test_scaled_mode_uses_postgresql_and_redis_from_the_environment():
    engine, layer, *_ = mode(
        DATABASE_URL="postgres://portal:secret@db.internal:5432/portal",
        REDIS_URL="redis://redis.internal:6379/0",
    )

    assert engine == "django.db.backends.postgresql"
    assert layer == "channels_redis.core.RedisChannelLayer"


PRINT_LAYER_TIMEOUTS = (
    "from channels_redis.utils import create_pool, decode_hosts; "
    "from django.conf import settings as s; "
    "host = decode_hosts(s.CHANNEL_LAYERS['default']['CONFIG']['hosts'])[0]; "
    "kwargs = create_pool(host).connection_kwargs; "
    "print(kwargs['socket_timeout'], kwargs['socket_connect_timeout'])"
)


def test_scaled_mode_layer_waits_for_messages_without_a_read_timeout():
    """The layer's blocking pop lasts 5 s: a 5 s read timeout closed idle sockets."""
    result = run(
        ["-c", PRINT_LAYER_TIMEOUTS],
        "portal.settings.dev",
        REDIS_URL="redis://redis.internal:6379/0",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["None", "5"]


def production(**env):
    return run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        "portal.settings.production",
        **env,
    )


PRODUCTION_ENV = {
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
    "DJANGO_ALLOWED_HOSTS": "portal.example.com,www.portal.example.com",
    "DATABASE_URL": "postgres://portal:secret@db.internal:5432/portal",
}


def test_production_settings_pass_the_deploy_check():
    result = production(**PRODUCTION_ENV)

    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    "missing", ["DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "DATABASE_URL"]
)
def test_production_refuses_to_start_without_required_variable(missing):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}

    result = production(**env)

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert missing in result.stderr
