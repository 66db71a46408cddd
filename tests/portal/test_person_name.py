"""The home page greets a person by name: Chinese, or its pinyin in English."""

import json

import pytest
from django.conf import settings

from fixtures import DATA_DIR
from portal.models import EnglishName

pytestmark = pytest.mark.django_db
ROLE_TITLES = ("管理员", "经理", "负责人", "审核员", "审批人", "值班员")


def _home(client, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client.get("/").content.decode()


def test_greeting_in_chinese_and_in_pinyin(client_for, make_user, wagtail_site):
    user = make_user(username="manager", first_name="王建国", last_name="")
    EnglishName.objects.create(user=user, name="Wang Jianguo")
    client = client_for(user)
    assert "欢迎，<span data-user-text>王建国</span>" in _home(client, "zh-hans")
    english = _home(client, "en")
    assert "Welcome, <span data-user-text>Wang Jianguo</span>" in english
    assert "王建国" not in english


def test_without_an_english_name_english_shows_the_name_as_written(
    client_for, make_user, wagtail_site
):
    user = make_user(username="noc", first_name="吴晓峰", last_name="")
    assert "<span data-user-text>吴晓峰</span>" in _home(client_for(user), "en")


def test_demo_users_have_names_not_role_titles():
    users = json.loads((DATA_DIR / "users.json").read_text())
    for record in users:
        assert record["name_en"], record
        name = record.get("first_name", "")
        assert not any(title in name for title in ROLE_TITLES), record
        if "staff" not in record:
            assert 2 <= len(name) <= 4, record
