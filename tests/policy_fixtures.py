"""Fixtures for policy pages, shared by tests/home and tests/search.

Imported by their conftest modules; the policy index is the one migration
``home.0007_policy_moderation`` creates.
"""

import datetime
import itertools

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from wagtail.rich_text import RichText

from home.models import PolicyCategory, PolicyIndexPage, PolicyPage
from registry.roles import Role

_numbers = itertools.count(1)


@pytest.fixture
def policy_index():
    return PolicyIndexPage.objects.get()


@pytest.fixture
def make_policy(policy_index):
    """``make_policy(title, body=..., ...)``: a policy under the index, live."""

    def make(
        title="代维人员管理办法",
        *,
        body="<p>人员变更须书面申请。</p>",
        body_en="",
        title_en="",
        category=PolicyCategory.STAFF,
        login_required=False,
        live=True,
        **fields,
    ) -> PolicyPage:
        page = PolicyPage(
            title=title,
            title_en=title_en,
            slug=fields.pop("slug", f"policy-{next(_numbers)}"),
            category=category,
            version=fields.pop("version", "1.0"),
            effective_date=fields.pop("effective_date", datetime.date(2025, 1, 1)),
            login_required=login_required,
            body=[("paragraph", RichText(body))],
            body_en=[("paragraph", RichText(body_en))] if body_en else [],
            live=live,
            **fields,
        )
        return policy_index.add_child(instance=page)

    return make


@pytest.fixture
def make_member():
    """``make_member(username, *group_names)``: a user in those groups."""

    def make(username, *group_names, **fields):
        user = get_user_model().objects.create_user(username=username, **fields)
        for name in group_names:
            user.groups.add(Group.objects.get(name=name))
        return user

    return make


@pytest.fixture
def editor(make_member):
    """An author: Wagtail's "Editors" group, no publish permission."""
    return make_member("policy_editor", "Editors")


@pytest.fixture
def approver(make_member):
    return make_member("policy_approver", Role.CARRIER_ADMIN)


@pytest.fixture
def reader(make_member):
    """Any logged-in user: a contractor engineer."""
    return make_member("policy_reader", Role.CONTRACTOR_ENGINEER)


@pytest.fixture
def login():
    """``login(user)``: a test client logged in as ``user`` (None: anonymous)."""

    def make(user, language=None):
        client = Client()
        if user is not None:
            client.force_login(user)
        if language:
            client.cookies["django_language"] = language
        return client

    return make
