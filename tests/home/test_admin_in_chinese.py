"""The Wagtail admin our carrier admins use speaks Chinese to a Chinese user:
the gaps of Wagtail's own zh-hans catalogue that these pages show are filled
in ours (LOCALE_PATHS comes before the apps' catalogues), our models are named
in Chinese, and groups show as role names, not codes."""

import re

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page
from wagtail.snippets.models import get_snippet_models

from registry.roles import Role
from tests.language import _Reader, leaks

pytestmark = pytest.mark.django_db

# What these pages show in English on purpose: data written in English (the
# companies' and regions' English names, holiday names of the calendar feed)
# and Wagtail's <noscript> notice, which Wagtail does not translate.
DATA_IN_ENGLISH = re.compile(
    r"Co\., Ltd\.|counties|Islands and|Festival|New Year's Day|JavaScript|"
    r"Here are the|instructions how to enable"
)
KNOWN = ()
GROUP_CODES = [role.value for role in Role] + ["Editors", "Moderators"]
ADMIN_PAGES = [
    "/admin/",
    "/admin/pages/",
    "/admin/users/",
    "/admin/groups/",
    "/admin/documents/",
    "/admin/images/",
    "/admin/account/",
    "/admin/forms/",
    "/admin/workflows/list/",
]


def _pages() -> list[str]:
    paths = list(ADMIN_PAGES)
    for model in get_snippet_models():
        meta = model._meta
        paths.append(f"/admin/snippets/{meta.app_label}/{meta.model_name}/")
    for page in Page.objects.filter(depth__gt=1):
        paths += [f"/admin/pages/{page.pk}/", f"/admin/pages/{page.pk}/edit/"]
    manager = get_user_model().objects.get(username="manager")
    paths += [
        reverse("wagtailusers_users:edit", args=[manager.pk]),
        reverse("wagtailusers_users:add"),
    ]
    return paths


def _visible_text(html: str) -> str:
    reader = _Reader("zh-hans")
    reader.feed(html)
    return " ".join(text for _where, text in reader.pieces)


def test_the_admin_pages_a_carrier_admin_opens_are_in_chinese():
    call_command("load_demo")
    client = Client()
    client.force_login(get_user_model().objects.get(username="admin"))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    problems, opened = [], 0
    for path in _pages():
        response = client.get(path, follow=True)
        if response.status_code != 200:
            problems.append(f"{path}: {response.status_code}")
            continue
        opened += 1
        html = response.content.decode()
        for leak in leaks(html, "zh-hans"):
            if not DATA_IN_ENGLISH.search(leak.text) and leak.text not in KNOWN:
                problems.append(f"{path}: {leak}")
        if path.startswith("/admin/users/"):
            shown = _visible_text(html)
            problems += [
                f"{path}: group code {code}"
                for code in GROUP_CODES
                if re.search(rf"(?<![\w-]){code}(?![\w-])", shown)
            ]
    assert opened > 30
    assert not problems, "\n".join(sorted(set(problems)))


def test_our_models_are_named_in_both_languages():
    from django.apps import apps

    missing = []
    for model in apps.get_models():
        if model._meta.app_label not in {"home", "registry", "workflows", "portal"}:
            continue
        for language in ("zh-hans", "en"):
            with translation.override(language):
                name = str(model._meta.verbose_name)
            if language == "zh-hans" and not re.search(r"[\u4e00-\u9fff]", name):
                missing.append(f"{model._meta.label} ({language}): {name}")
    assert not missing, missing
