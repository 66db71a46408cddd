"""Groups show by their role's name in the Wagtail user admin, never by code."""

import re

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.urls import reverse

from registry.roles import Role, group_label, role_label
from tests.language import _Reader

pytestmark = pytest.mark.django_db


def _shown(html: str) -> str:
    reader = _Reader("zh-hans")
    reader.feed(html)
    return " ".join(text for _where, text in reader.pieces)


def test_role_and_wagtail_groups_have_readable_names(settings):
    settings.LANGUAGE_CODE = "zh-hans"
    from django.utils import translation

    with translation.override("zh-hans"):
        assert role_label(Role.DEPARTMENT_HEAD.value) == "部门负责人"
        assert role_label("Moderators") == "内容审核员"
        assert role_label("some other group") == "some other group"
    with translation.override("en"):
        assert group_label(Group(name="Moderators")) == "Moderators"
        assert group_label(Group(name="department_head")) == "Department head"


@pytest.mark.parametrize(
    "url",
    [
        lambda user: reverse("wagtailusers_users:edit", args=[user.pk]),
        lambda user: reverse("wagtailusers_users:add"),
        lambda user: reverse("wagtailusers_users:index"),
    ],
    ids=["edit", "add", "index"],
)
def test_the_user_admin_names_groups_in_chinese(url, client_for, make_user):
    Group.objects.get_or_create(name="Moderators")
    superuser = make_user(username="root", is_superuser=True)
    head = make_user(Role.DEPARTMENT_HEAD, username="head")
    client = client_for(superuser)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    response = client.get(url(head))
    assert response.status_code == 200
    shown = _shown(response.content.decode())
    assert "部门负责人" in shown and "内容审核员" in shown
    for code in [*Role.values, "Moderators"]:
        assert not re.search(rf"(?<![\w-]){code}(?![\w-])", shown), code
