"""The page shell's cached user facts (registry.facts): a warm home page costs
the session, the user and the badge count beyond Wagtail's own page lookup,
and every change that alters what the shell shows shows on the next request."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from home.models import COMPANY_STEPS, FlowStep, PolicyIndexPage
from registry.facts import ALIAS, _bundle_load
from registry.models import Membership
from registry.roles import Role, roles_of
from tests.workflows.step_groups import step_group_publish
from workflows.steps import held_steps, step_for

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("registry_data")]

# Beyond Wagtail's serving of the page (its site, the page, the page's
# ancestors and their view restrictions): the session, the user, the badge;
# a contractor's company besides, read fresh since it scopes the badge's count.
SHELL = ["django_session", "auth_user", "badge"]
CONTRACTOR_SHELL = ["django_session", "auth_user", "registry_membership", "badge"]
PAGE_QUERIES = 4


def entries(client) -> dict[str, str]:
    """The home page's entry cards: key -> address."""
    html = client.get("/").content.decode()
    return {
        key: url
        for url, key in re.findall(r'<a href="([^"]+)" data-entry="([^"]+)"', html)
    }


def label(sql: str) -> str:
    """The badge's count, or the first table a statement reads."""
    if 'COUNT("viewflow_task"."id")' in sql:
        return "badge"
    words = sql.replace('"', "").split()
    return words[words.index("FROM") + 1]


@pytest.mark.parametrize(
    ("role", "shell"),
    [
        (Role.CARRIER_ADMIN, SHELL),
        (Role.CONTRACTOR_ENGINEER, CONTRACTOR_SHELL),
        (Role.TRAINEE, CONTRACTOR_SHELL),
    ],
)
def test_a_warm_home_page_costs_the_session_the_user_and_the_badge(
    client_for, make_user, role, shell
):
    client = client_for(make_user(role))
    client.get("/")

    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200

    labels = [label(query["sql"]) for query in queries]
    page = [name for name in labels if name.startswith(("wagtailcore_", "home_"))]
    assert [name for name in labels if name not in page] == shell
    assert len(page) == PAGE_QUERIES


def test_a_cold_home_page_reads_the_facts_once(client_for, carrier_admin):
    client = client_for(carrier_admin)
    with CaptureQueriesContext(connection) as cold:
        client.get("/")
    with CaptureQueriesContext(connection) as warm:
        client.get("/")
    assert len(cold) > len(warm) == 7


def test_a_user_added_to_a_group_sees_its_entries_on_the_next_request(
    client_for, no_role_user
):
    client = client_for(no_role_user)
    assert "admin" not in entries(client)

    no_role_user.groups.add(Group.objects.get(name=Role.CARRIER_ADMIN))

    assert "admin" in entries(client)


def test_members_added_from_the_groups_side_count_too(client_for, no_role_user):
    client = client_for(no_role_user)
    assert "staff" not in entries(client)

    Group.objects.get(name=Role.MAINTENANCE_MANAGER).user_set.add(no_role_user)

    assert "staff" in entries(client)


def test_a_user_taken_out_of_their_groups_loses_the_entries(client_for, carrier_admin):
    client = client_for(carrier_admin)
    assert "admin" in entries(client)

    carrier_admin.groups.clear()

    assert "admin" not in entries(client)
    assert roles_of(get_user_model().objects.get(pk=carrier_admin.pk)) == set()


def test_a_groups_members_cleared_lose_the_entries(client_for, carrier_admin):
    client = client_for(carrier_admin)
    assert "admin" in entries(client)

    Group.objects.get(name=Role.CARRIER_ADMIN).user_set.clear()

    assert "admin" not in entries(client)


def test_a_permission_given_to_a_role_shows_its_entry(client_for, trainee_a):
    client = client_for(trainee_a)
    assert "staff" not in entries(client)

    view_staff = Permission.objects.get(codename="view_staffmember")
    Group.objects.get(name=Role.TRAINEE).permissions.add(view_staff)

    assert "staff" in entries(client)


def test_a_permission_given_to_the_user_shows_its_entry(client_for, trainee_a):
    client = client_for(trainee_a)
    assert "contracts" not in entries(client)

    trainee_a.user_permissions.add(Permission.objects.get(codename="view_contract"))

    assert "contracts" in entries(client)


def test_a_new_company_membership_shows_on_the_next_request(
    client_for, manager_a, company_b
):
    client = client_for(manager_a)
    assert company_b.name_zh not in client.get("/").content.decode()

    membership = Membership.objects.get(user=manager_a)
    membership.company = company_b
    membership.save()

    assert company_b.name_zh in client.get("/").content.decode()


def test_a_renamed_company_shows_on_the_next_request(client_for, manager_a, company_a):
    client = client_for(manager_a)
    client.get("/")

    company_a.name_zh = "新名字通信公司"
    company_a.save()

    assert "新名字通信公司" in client.get("/").content.decode()


def test_a_deactivated_account_holds_no_step_on_the_next_request(make_user):
    user = make_user(Role.MAINTENANCE_MANAGER)
    assert held_steps(user)

    user.is_active = False
    user.save()

    assert held_steps(get_user_model().objects.get(pk=user.pk)) == []


def test_the_policies_entry_follows_a_published_move(client_for, carrier_admin):
    client = client_for(carrier_admin)
    assert entries(client)["policies"] == "/policies/"

    index = PolicyIndexPage.objects.get()
    index.slug = "rules"
    index.save_revision().publish()

    assert entries(client)["policies"] == "/rules/"


def test_the_policies_entry_hides_when_the_index_is_unpublished(
    client_for, carrier_admin
):
    client = client_for(carrier_admin)
    assert "policies" in entries(client)

    PolicyIndexPage.objects.get().unpublish()

    assert "policies" not in entries(client)


def test_the_policies_entry_hides_when_the_index_is_deleted(client_for, carrier_admin):
    client = client_for(carrier_admin)
    assert "policies" in entries(client)

    PolicyIndexPage.objects.get().delete()

    assert "policies" not in entries(client)


def test_a_rule_publication_moves_the_held_steps(make_user):
    key = next(key for key in FlowStep.values if key not in COMPANY_STEPS)
    step = step_for(f"workflows.step:{key}")
    holder = make_user(step.role)
    assert (step.permission, None) in held_steps(holder)
    new_role = next(role for role in Role if role != step.role)

    step_group_publish(key, new_role)

    fresh = get_user_model().objects.get(pk=holder.pk)
    assert (step.permission, None) not in held_steps(fresh)
    assert (step.permission, None) in held_steps(make_user(new_role))


def test_facts_read_before_a_commit_are_not_served_after_it(
    carrier_admin, django_capture_on_commit_callbacks
):
    """A request that read the versions and the rows while a change was not
    committed yet stores them under versions the commit replaces."""
    User = get_user_model()
    roles_of(User.objects.get(pk=carrier_admin.pk))
    with django_capture_on_commit_callbacks() as callbacks:
        carrier_admin.groups.clear()
        early = _bundle_load(carrier_admin.pk)
    old = {"roles": frozenset({Role.CARRIER_ADMIN.value})}
    caches[ALIAS].set(f"u{carrier_admin.pk}", (early.versions, old))
    for callback in callbacks:
        callback()

    assert roles_of(User.objects.get(pk=carrier_admin.pk)) == set()
