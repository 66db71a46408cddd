"""``/healthz``: 200 when the database and the channel layer answer, else 503."""

import asyncio
from unittest import mock

import pytest
from channels.layers import get_channel_layer
from django.db import OperationalError, connection

pytestmark = pytest.mark.django_db

# A Redis channel layer on a port nothing listens on (of this suite's range).
DEAD_REDIS = {
    "default": {
        "BACKEND": "channels_redis.core.RedisChannelLayer",
        "CONFIG": {"hosts": ["redis://127.0.0.1:8849/0"]},
    }
}


def test_answers_200_when_database_and_layer_answer(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"database": "ok", "channel_layer": "ok"}
    assert "no-store" in response["Cache-Control"]
    assert not response.cookies


def test_answers_503_when_the_channel_layer_does_not(client, settings):
    settings.CHANNEL_LAYERS = DEAD_REDIS

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"database": "ok", "channel_layer": "failing"}


def test_answers_503_when_the_database_does_not(client):
    broken = mock.patch.object(
        connection, "cursor", side_effect=OperationalError("gone")
    )
    with broken:
        response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"database": "failing", "channel_layer": "ok"}


def test_a_layer_that_never_answers_fails_within_the_timeout(client, monkeypatch):
    monkeypatch.setattr("portal.health.TIMEOUT", 0.05)

    async def never(self, channel):
        await asyncio.sleep(60)

    # Whichever layer this run uses (in-memory, or Redis under test-services).
    with mock.patch.object(type(get_channel_layer()), "receive", never):
        response = client.get("/healthz")

    assert response.status_code == 503
