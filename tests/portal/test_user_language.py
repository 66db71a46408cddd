"""The user's language is chosen once, kept on the profile, used on every device."""

import pytest
from django.conf import settings
from django.test import Client
from wagtail.users.models import UserProfile

from portal.languages import SESSION_KEY

pytestmark = pytest.mark.django_db
COOKIE = settings.LANGUAGE_COOKIE_NAME


def _choose(client, language, next_url="/"):
    return client.post("/i18n/setlang/", {"language": language, "next": next_url})


def _lang(response) -> str:
    return response.headers.get("Content-Language", "")


def test_the_switch_saves_the_choice_on_the_profile(
    client_for, engineer_a, wagtail_site
):
    client = client_for(engineer_a)
    response = _choose(client, "en")
    assert response.status_code == 302
    assert UserProfile.get_for_user(engineer_a).preferred_language == "en"
    assert client.session[SESSION_KEY] == "en"


def test_another_device_opens_in_the_chosen_language(
    client_for, engineer_a, wagtail_site
):
    _choose(client_for(engineer_a), "en")
    phone = Client(headers={"accept-language": "zh-hans"})
    phone.cookies[COOKIE] = "zh-hans"  # that browser was left in Chinese
    phone.force_login(engineer_a)
    response = phone.get("/")
    assert _lang(response) == "en"
    assert 'lang="en"' in response.text
    assert response.cookies[COOKIE].value == "en"  # the browser now agrees


def test_the_choice_holds_over_the_cookie_until_changed(
    client_for, engineer_a, wagtail_site
):
    client = client_for(engineer_a)
    _choose(client, "en")
    client.cookies[COOKIE] = "zh-hans"
    assert _lang(client.get("/")) == "en"
    _choose(client, "zh-hans")
    assert _lang(client.get("/")) == "zh-hans"
    assert UserProfile.get_for_user(engineer_a).preferred_language == "zh-hans"


def test_no_choice_yet_follows_the_browser(client_for, engineer_a, wagtail_site):
    client = client_for(engineer_a)
    client.cookies[COOKIE] = "en"
    assert _lang(client.get("/")) == "en"
    client.cookies[COOKIE] = "zh-hans"
    assert _lang(client.get("/")) == "zh-hans"
    assert not UserProfile.objects.filter(
        user=engineer_a, preferred_language__gt=""
    ).exists()


def test_an_anonymous_switch_saves_nothing(wagtail_site):
    client = Client()
    response = _choose(client, "en")
    assert response.cookies[COOKIE].value == "en"
    assert not UserProfile.objects.exists()


def test_an_unknown_language_is_not_saved(client_for, engineer_a, wagtail_site):
    client = client_for(engineer_a)
    _choose(client, "fr")
    assert not UserProfile.objects.filter(preferred_language="fr").exists()
    assert SESSION_KEY not in client.session


def test_a_language_set_in_the_admin_applies_from_the_next_login(
    client_for, make_user, wagtail_site
):
    admin = make_user(username="boss", is_superuser=True, is_staff=True)
    client = client_for(admin)
    client.cookies[COOKIE] = "zh-hans"
    profile = UserProfile.get_for_user(admin)
    profile.preferred_language = "en"
    profile.save()
    # As if saved on /admin/account/ (the middleware rereads it after that POST).
    client.force_login(admin)
    assert _lang(client.get("/")) == "en"
    assert _lang(client.get("/admin/")) == "en"
