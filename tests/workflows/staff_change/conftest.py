"""Fixtures shared by flow tests live in tests/workflows/conftest.py; here the
staff-change browser tests' own."""

import pytest

from ...servers import daphne_servers, session_id


@pytest.fixture(scope="module")
def server(django_db_setup):
    """One Daphne process per browser-test module."""
    with daphne_servers(1) as (running,):
        yield running


@pytest.fixture
def in_chinese(settings):
    """The pages (and the Wagtail locale a flushed database gets) in Chinese."""
    settings.LANGUAGE_CODE = "zh-hans"


@pytest.fixture
def filing(in_chinese, rules_after_flush, demo_request_forms, roster_a, manager_a):
    """The manager's session, and two of his people (沈刚, 叶艳) to replace."""
    leavers = roster_a[:2]
    for person, name in zip(leavers, ["沈刚", "叶艳"], strict=True):
        person.name = name
        person.save(update_fields=["name"])
    return session_id(manager_a), leavers
