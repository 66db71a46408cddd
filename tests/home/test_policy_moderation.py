"""Policies go live only after a carrier admin approves them in Wagtail's workflow."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Page, WorkflowState
from wagtail.test.utils.form_data import (
    nested_form_data,
    querydict_from_html,
    rich_text,
    streamfield,
)

from home.models import HomePage, PolicyIndexPage, PolicyPage
from home.moderation import WORKFLOW_NAME
from registry.roles import Role

pytestmark = pytest.mark.django_db


def edit_form(client, page, **changes) -> dict:
    """The page's edit form as the admin renders it, with ``changes`` applied."""
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    return {**data.dict(), **changes}


def body(html: str) -> dict:
    """Stream fields are drawn by JavaScript, so the test supplies their data."""
    return nested_form_data(
        {
            "body": streamfield([("paragraph", rich_text(html))]),
            "body_en": streamfield([]),
        }
    )


def test_the_index_is_moderated_by_carrier_admins(policy_index):
    workflow = policy_index.get_workflow()

    assert workflow.name == WORKFLOW_NAME
    [task] = [task.specific for task in workflow.tasks]
    assert list(task.groups.values_list("name", flat=True)) == [Role.CARRIER_ADMIN]


def test_editors_may_add_and_edit_policies_but_not_publish(
    make_policy, policy_index, editor
):
    policy = make_policy(live=False)

    assert policy_index.permissions_for_user(editor).can_add_subpage()
    assert policy.permissions_for_user(editor).can_edit()
    assert not policy.permissions_for_user(editor).can_publish()


def test_an_editors_policy_goes_live_only_once_a_carrier_admin_approves(
    make_policy, login, editor, approver
):
    policy = make_policy("机房出入管理规定", live=False)
    policy.save_revision()
    author = login(editor)

    data = edit_form(
        author, policy, **body("<p>机房出入须登记。</p>"), **{"action-submit": "Submit"}
    )
    response = author.post(reverse("wagtailadmin_pages:edit", args=[policy.pk]), data)

    assert response.status_code == 302
    policy.refresh_from_db()
    assert not policy.live
    state = policy.current_workflow_state
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == WORKFLOW_NAME

    task_state = policy.current_workflow_task_state
    url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[policy.pk, "approve", task_state.pk],
    )
    login(editor).post(url)  # not an approver: refused
    policy.refresh_from_db()
    assert not policy.live
    assert policy.current_workflow_state == state

    assert login(approver).post(url).status_code == 302

    policy.refresh_from_db()
    assert policy.live
    assert "机房出入须登记" in str(policy.body)
    assert policy.current_workflow_state is None


def test_an_editor_cannot_publish_directly(make_policy, login, editor):
    policy = make_policy(live=False)
    policy.save_revision()
    author = login(editor)

    data = edit_form(
        author, policy, **body("<p>新内容</p>"), **{"action-publish": "Publish"}
    )
    edit = reverse("wagtailadmin_pages:edit", args=[policy.pk])
    response = author.post(edit, data)

    # Accepted (a form error would answer 200), kept as a draft, not published.
    assert (response.status_code, response.url) == (302, edit)
    policy.refresh_from_db()
    assert not policy.live
    assert policy.has_unpublished_changes
    assert policy.live_revision is None
    draft = policy.get_latest_revision()
    assert draft.user == editor
    assert "新内容" in str(draft.as_object().body)


def test_an_index_recreated_in_the_admin_is_moderated_again(
    policy_index, login, make_member
):
    admin = login(make_member("root", is_superuser=True))
    policy_index.delete()
    home = HomePage.objects.get()
    add_url = reverse(
        "wagtailadmin_pages:add", args=["home", "policyindexpage", home.pk]
    )
    page = admin.get(add_url).content.decode()
    data = querydict_from_html(page, form_id="page-edit-form").dict()
    data.update(title="规章制度", slug="rules", **{"action-publish": "Publish"})

    response = admin.post(add_url, data)

    assert response.status_code == 302
    index = PolicyIndexPage.objects.get()
    assert index.get_workflow().name == WORKFLOW_NAME
    editors = Group.objects.get(name="Editors")
    assert index.group_permissions.filter(group=editors).count() == 2


def test_only_policies_go_under_the_index(policy_index):
    assert not PolicyPage.can_exist_under(Page.get_first_root_node())
    assert PolicyPage.can_exist_under(policy_index)
    assert not PolicyIndexPage.can_create_at(HomePage.objects.get())  # one only
