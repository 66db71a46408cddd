"""Request answers and attachments are not reached through Wagtail's admin.

Every admin URL that lists, shows, exports, edits or deletes a request's
answers or attachments is tried by a user of every group: only a superuser
gets them; the document survives every other user's delete.
"""

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import Collection, GroupCollectionPermission

from registry.roles import Role
from tests.home.test_request_uploads import PDF, post_with_file

pytestmark = pytest.mark.django_db

GROUPS = [r.value for r in Role] + ["Editors", "Moderators"]


@pytest.fixture
def filed(client_for, manager_a, site_a, visit_page):
    upload = SimpleUploadedFile("升级方案.pdf", PDF, content_type="application/pdf")
    response = post_with_file(client_for(manager_a), visit_page, site_a, upload)
    assert response.status_code == 302
    return visit_page, get_document_model().objects.get()


def member_of(make_user, name):
    user = make_user(username=f"member_{name}")
    user.groups.add(Group.objects.get(name=name))
    return user


def object_urls(page, document):
    submissions = reverse("wagtailforms:list_submissions", args=[page.pk])
    return [
        submissions,
        submissions + "?export=csv",
        reverse("wagtaildocs:edit", args=[document.pk]),
        reverse("wagtaildocs:delete", args=[document.pk]),
        reverse("wagtaildocs:document_usage", args=[document.pk]),
        reverse("wagtaildocs_chooser:chosen", args=[document.pk]),
    ]


def listing_urls():
    return [
        reverse("wagtailforms:index"),
        reverse("wagtaildocs:index"),
        reverse("wagtaildocs_chooser:choose"),
    ]


def destructive_posts(document):
    bulk = reverse("wagtail_bulk_action", args=["wagtaildocs", "document", "delete"])
    return [
        (reverse("wagtaildocs:delete", args=[document.pk]), {}),
        (reverse("wagtaildocs:edit", args=[document.pk]), {"title": "改名"}),
        (f"{bulk}?id={document.pk}", {}),
    ]


@pytest.mark.parametrize("group", GROUPS)
def test_no_group_reaches_request_data_in_the_admin(
    group, filed, make_user, client_for
):
    page, document = filed
    client = client_for(member_of(make_user, group))
    for url in object_urls(page, document):
        assert client.get(url).status_code != 200, url
    for url in listing_urls():
        content = client.get(url).content.decode()
        assert f"/{document.pk}/" not in content, url
        assert f"/submissions/{page.pk}/" not in content, url
    for url, data in destructive_posts(document):
        client.post(url, data)
        document.refresh_from_db()
        assert document.title != "改名", url


def test_a_superuser_still_reaches_them(filed, make_user, client_for):
    page, document = filed
    client = client_for(make_user(is_superuser=True, username="root"))
    for url in object_urls(page, document)[:3]:
        assert client.get(url).status_code == 200, url


def test_collection_rights_on_the_attachments_do_not_open_them(
    filed, make_user, client_for
):
    """Even a group an admin gave every right on the attachment collection."""
    page, document = filed
    editors = Group.objects.get(name="Editors")
    for codename in ("change_document", "delete_document", "choose_document"):
        GroupCollectionPermission.objects.get_or_create(
            group=editors,
            collection=Collection.get_first_root_node(),
            permission=document._meta.model._meta.apps.get_model(
                "auth", "Permission"
            ).objects.get(codename=codename),
        )
    client = client_for(member_of(make_user, "Editors"))
    assert client.get(object_urls(page, document)[2]).status_code != 200
    client.post(reverse("wagtaildocs:delete", args=[document.pk]))
    assert get_document_model().objects.filter(pk=document.pk).exists()


def test_editors_hold_only_the_policy_index_and_their_collection():
    from wagtail.models import GroupPagePermission

    editors = Group.objects.get(name="Editors")
    pages = GroupPagePermission.objects.filter(group=editors)
    assert {p.page.specific_class.__name__ for p in pages} == {"PolicyIndexPage"}
    collections = GroupCollectionPermission.objects.filter(group=editors)
    assert {c.collection.name for c in collections} == {"政策与培训 Content"}
    moderators = Group.objects.get(name="Moderators")
    assert not GroupPagePermission.objects.filter(group=moderators).exists()
    assert not GroupCollectionPermission.objects.filter(group=moderators).exists()
