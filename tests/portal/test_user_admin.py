"""Wagtail's user admin: who may grant superuser rights and which groups.

Only a superuser makes superusers or carrier admins; carrier admins grant the
other portal roles, never to themselves; nobody edits their own groups; a
non-superuser cannot touch a superuser. Every path is tried by direct POST.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from registry.roles import Role
from tests.factories import TEST_PASSWORD, UserFactory, role_group

pytestmark = pytest.mark.django_db

User = get_user_model()
NEW_PASSWORD = "Zx9-unguessable-Qw"


@pytest.fixture
def superuser():
    return UserFactory(username="root", is_superuser=True)


@pytest.fixture
def head(make_user):
    return make_user(Role.DEPARTMENT_HEAD, username="head")


@pytest.fixture
def admin_client(client_for, carrier_admin):
    return client_for(carrier_admin)


def _add_url():
    return reverse("wagtailusers_users:add")


def _edit_url(user):
    return reverse("wagtailusers_users:edit", args=[user.pk])


def _bulk_url(action, *users):
    ids = "&".join(f"id={user.pk}" for user in users)
    return f"/admin/bulk/auth/user/{action}/?{ids}&next=/admin/users/"


def _account(username="newbie", **extra):
    return {
        "username": username,
        "email": f"{username}@example.com",
        "first_name": "新",
        "last_name": "人",
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
        "is_active": "on",
        **extra,
    }


def _edit_data(user, **extra):
    data = {
        "username": user.username,
        "email": user.email,
        "first_name": user.first_name or "名",
        "last_name": user.last_name or "姓",
        "is_active": "on",
        "groups": [group.pk for group in user.groups.all()],
    }
    data.update(extra)
    return data


def _groups(user):
    return set(user.groups.values_list("name", flat=True))


def _pk(role):
    return role_group(role).pk


# The add form ----------------------------------------------------------------


def test_add_form_locks_superuser_and_hides_carrier_admin_group(
    admin_client,
):
    response = admin_client.get(_add_url())

    assert response.status_code == 200
    fields = response.context["form"].fields
    assert fields["is_superuser"].disabled
    offered = set(fields["groups"].queryset.values_list("name", flat=True))
    assert Role.CARRIER_ADMIN not in offered
    assert Role.DEPARTMENT_HEAD in offered


def test_carrier_admin_cannot_create_a_superuser(admin_client):
    admin_client.post(_add_url(), _account(is_superuser="on"))

    assert not User.objects.filter(username="newbie", is_superuser=True).exists()


def test_carrier_admin_cannot_create_a_carrier_admin(admin_client):
    response = admin_client.post(_add_url(), _account(groups=[_pk(Role.CARRIER_ADMIN)]))

    assert response.status_code == 200
    assert not User.objects.filter(username="newbie").exists()


def test_carrier_admin_creates_a_contractor_manager(admin_client):
    response = admin_client.post(
        _add_url(), _account(groups=[_pk(Role.CONTRACTOR_MANAGER)])
    )

    assert response.status_code == 302
    created = User.objects.get(username="newbie")
    assert _groups(created) == {Role.CONTRACTOR_MANAGER}
    assert not created.is_superuser


# The edit form ---------------------------------------------------------------


def test_carrier_admin_cannot_make_a_user_superuser(admin_client, head):
    admin_client.post(_edit_url(head), _edit_data(head, is_superuser="on"))

    head.refresh_from_db()
    assert not head.is_superuser


def test_carrier_admin_cannot_grant_carrier_admin(admin_client, head):
    response = admin_client.post(
        _edit_url(head),
        _edit_data(head, groups=[_pk(Role.DEPARTMENT_HEAD), _pk(Role.CARRIER_ADMIN)]),
    )

    assert response.status_code == 200
    assert _groups(head) == {Role.DEPARTMENT_HEAD}


def test_carrier_admin_cannot_add_itself_to_a_group(admin_client, carrier_admin):
    wanted = [_pk(Role.CARRIER_ADMIN), _pk(Role.DEPARTMENT_HEAD)]
    admin_client.post(
        _edit_url(carrier_admin), _edit_data(carrier_admin, groups=wanted)
    )

    assert _groups(carrier_admin) == {Role.CARRIER_ADMIN}


def test_own_groups_are_shown_read_only(admin_client, carrier_admin):
    response = admin_client.get(_edit_url(carrier_admin))

    assert response.status_code == 200
    assert response.context["form"].fields["groups"].disabled


def test_superuser_cannot_edit_own_groups(client_for, superuser):
    client_for(superuser).post(
        _edit_url(superuser),
        _edit_data(superuser, groups=[_pk(Role.DEPARTMENT_HEAD)]),
    )

    assert _groups(superuser) == set()
    superuser.refresh_from_db()
    assert superuser.is_superuser


def test_carrier_admin_cannot_edit_a_superuser(admin_client, superuser):
    assert admin_client.get(_edit_url(superuser)).status_code == 404

    response = admin_client.post(
        _edit_url(superuser),
        _edit_data(superuser, password1=NEW_PASSWORD, password2=NEW_PASSWORD),
    )

    assert response.status_code == 404
    superuser.refresh_from_db()
    assert superuser.check_password(TEST_PASSWORD)
    assert superuser.is_active


def test_editing_keeps_groups_the_editor_cannot_grant(admin_client, make_user):
    peer = make_user(Role.CARRIER_ADMIN, username="peer")

    response = admin_client.post(
        _edit_url(peer),
        _edit_data(peer, first_name="改名", groups=[_pk(Role.DEPARTMENT_HEAD)]),
    )

    assert response.status_code == 302
    peer.refresh_from_db()
    assert peer.first_name == "改名"
    assert _groups(peer) == {Role.CARRIER_ADMIN, Role.DEPARTMENT_HEAD}


def test_carrier_admin_grants_and_removes_portal_roles(admin_client, head):
    response = admin_client.post(
        _edit_url(head), _edit_data(head, groups=[_pk(Role.MAINTENANCE_MANAGER)])
    )

    assert response.status_code == 302
    assert _groups(head) == {Role.MAINTENANCE_MANAGER}


def test_superuser_grants_carrier_admin_and_superuser(client_for, superuser, head):
    response = client_for(superuser).post(
        _edit_url(head),
        _edit_data(
            head,
            is_superuser="on",
            groups=[_pk(Role.DEPARTMENT_HEAD), _pk(Role.CARRIER_ADMIN)],
        ),
    )

    assert response.status_code == 302
    head.refresh_from_db()
    assert head.is_superuser
    assert _groups(head) == {Role.DEPARTMENT_HEAD, Role.CARRIER_ADMIN}


# Bulk actions ----------------------------------------------------------------


def test_bulk_assign_role_refuses_carrier_admin_group(admin_client, head):
    admin_client.post(_bulk_url("assign_role", head), {"role": _pk(Role.CARRIER_ADMIN)})

    assert _groups(head) == {Role.DEPARTMENT_HEAD}


def test_bulk_assign_role_skips_the_editor_itself(admin_client, carrier_admin, head):
    admin_client.post(
        _bulk_url("assign_role", carrier_admin, head),
        {"role": _pk(Role.MAINTENANCE_MANAGER)},
    )

    assert _groups(carrier_admin) == {Role.CARRIER_ADMIN}
    assert _groups(head) == {Role.DEPARTMENT_HEAD, Role.MAINTENANCE_MANAGER}


def test_bulk_assign_role_by_superuser_grants_carrier_admin(
    client_for, superuser, head
):
    client_for(superuser).post(
        _bulk_url("assign_role", head), {"role": _pk(Role.CARRIER_ADMIN)}
    )

    assert _groups(head) == {Role.DEPARTMENT_HEAD, Role.CARRIER_ADMIN}


def test_bulk_deactivate_skips_superusers(admin_client, superuser, head):
    admin_client.post(
        _bulk_url("set_active_state", superuser, head), {"mark_as_active": "False"}
    )

    superuser.refresh_from_db()
    head.refresh_from_db()
    assert superuser.is_active
    assert not head.is_active


# Groups ----------------------------------------------------------------------


def test_carrier_admin_cannot_edit_groups(admin_client):
    group = Group.objects.get(name=Role.CARRIER_ADMIN)

    response = admin_client.post(
        reverse("wagtailusers_groups:edit", args=[group.pk]),
        {"name": group.name, "permissions": []},
    )

    assert response.status_code in (302, 403)
    assert group.permissions.exists()


@pytest.mark.parametrize(
    ("language", "own", "kept"),
    [
        (
            "zh-hans",
            "不能修改自己所属的组",
            "另属于 代维管理员，只有超级用户可以修改",
        ),
        ("en", "You cannot change your own groups", "Also holds Carrier admin"),
    ],
)
def test_locked_groups_are_explained_in_both_languages(
    admin_client, carrier_admin, make_user, language, own, kept
):
    peer = make_user(Role.CARRIER_ADMIN, username="peer")

    own_page = admin_client.get(_edit_url(carrier_admin), HTTP_ACCEPT_LANGUAGE=language)
    peer_page = admin_client.get(_edit_url(peer), HTTP_ACCEPT_LANGUAGE=language)

    assert own in own_page.content.decode()
    assert kept in peer_page.content.decode()


@pytest.mark.parametrize("url", ["wagtailadmin_home", "wagtailusers_users:index"])
def test_the_admin_loads_no_avatar_from_an_outside_service(admin_client, url):
    """Gravatar is unreachable on an intranet: no page of the admin names it."""
    response = admin_client.get(reverse(url))
    assert response.status_code == 200
    assert "gravatar" not in response.content.decode().lower()


def test_an_applied_yes_no_filter_reads_yes_not_true(admin_client):
    from bs4 import BeautifulSoup

    admin_client.cookies["django_language"] = "zh-hans"
    page = admin_client.get("/admin/users/", {"is_active": "true"}).content
    pill = BeautifulSoup(page, "html.parser").select_one(
        '.w-active-filters [data-w-active-filter-id="id_is_active"]'
    )
    assert " ".join(pill.get_text().split()) == "有效: 是"
