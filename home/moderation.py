"""Policies are moderated by Wagtail's own workflow, not by a flow of ours.

Migration ``0004_policy_moderation`` sets this up for the index it creates;
``policy_moderation_assign`` does the same for an index made later (admin
re-creates it, or the demo loader on a database without one). Keep the two in
step.
"""

from django.contrib.auth.models import Group, Permission
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from registry.roles import Role

WORKFLOW_NAME = "政策审批 Policy approval"
TASK_NAME = "代维管理员审批 Carrier admin approval"
AUTHOR_GROUP = "Editors"  # Wagtail's own group of authors
AUTHOR_PAGE_PERMISSIONS = ("add_page", "change_page")


def policy_workflow() -> Workflow:
    """The "Policy approval" workflow: one approval by carrier admins."""
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
    approvers, _ = Group.objects.get_or_create(name=Role.CARRIER_ADMIN)
    task.groups.add(approvers)
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    WorkflowTask.objects.get_or_create(
        workflow=workflow, task=task, defaults={"sort_order": 0}
    )
    return workflow


def policy_moderation_assign(index) -> Workflow:
    """Route every policy under ``index`` through approval; Editors may author."""
    workflow = policy_workflow()
    WorkflowPage.objects.update_or_create(page=index, defaults={"workflow": workflow})
    authors, _ = Group.objects.get_or_create(name=AUTHOR_GROUP)
    for permission in Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=AUTHOR_PAGE_PERMISSIONS
    ):
        GroupPagePermission.objects.get_or_create(
            group=authors, page=index, permission=permission
        )
    return workflow
