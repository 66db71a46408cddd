"""A way in to the request forms: navigation, home page, queue and README."""

from pathlib import Path

import pytest
from django.conf import settings

from registry.roles import Role
from tests.html_links import PageLinks

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_request_forms")]

NEW_REQUEST = {"zh-hans": "提交申请", "en": "New request"}
KIND_PAGES = {
    "staff_change": "/requests/staff-change/",
    "leave": "/requests/leave/",
    "temporary_lead": "/requests/temporary-lead/",
    "upgrade": "/requests/software-upgrade/",
    "position": "/requests/position-change/",
}


def page_links(client, url: str) -> PageLinks:
    response = client.get(url)
    assert response.status_code == 200
    return PageLinks(response.content.decode())


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_manager_sees_new_request_in_navigation_and_each_kind_on_home(
    client_for, manager_a, language
):
    client = client_for(manager_a)
    client.cookies["django_language"] = language

    home = page_links(client, "/")

    assert home.entries["new_request"] == "/requests/"
    assert f">{NEW_REQUEST[language]}</a>" in home.html  # the navigation
    assert f"<strong>{NEW_REQUEST[language]}</strong>" in home.html  # the card
    for url in KIND_PAGES.values():
        assert url in home.hrefs
        assert client.get(url).status_code == 200, url
    assert client.get("/requests/").status_code == 200


def test_queue_leads_to_the_request_forms(client_for, manager_a):
    queue = page_links(client_for(manager_a), "/queue/")

    assert queue.entries["new_request"] == "/requests/"


def test_engineer_is_offered_only_the_kinds_he_may_file(client_for, make_user):
    home = page_links(client_for(make_user(Role.CONTRACTOR_ENGINEER)), "/")

    assert "new_request" in home.entries
    assert KIND_PAGES["leave"] in home.hrefs
    assert KIND_PAGES["staff_change"] not in home.hrefs
    assert KIND_PAGES["upgrade"] not in home.hrefs
    assert KIND_PAGES["position"] not in home.hrefs


@pytest.mark.parametrize("role", [Role.TRAINEE, Role.CARRIER_ADMIN])
def test_who_may_not_file_sees_no_new_request(client_for, make_user, role):
    home = page_links(client_for(make_user(role)), "/")

    assert "new_request" not in home.entries
    assert "/requests/" not in home.hrefs


def test_readme_names_the_request_forms_address():
    readme = (Path(settings.BASE_DIR) / "README.md").read_text()

    assert "/home/requests/" not in readme
    assert "`/requests/`" in readme
