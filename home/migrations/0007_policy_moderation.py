"""The policy index under the home page, moderated by the "Policy approval" workflow.

Creates (idempotently) the policy index page, a workflow with one group approval
task for carrier admins, assigns it to the index (so every policy below goes
through it), and lets Wagtail's "Editors" group add and edit, but not publish,
pages there. Kept in step with ``home.moderation`` (which does the same with the
real models for an index created later).
"""

from django.db import migrations
from django.utils import timezone

WORKFLOW_NAME = "政策审批 Policy approval"
TASK_NAME = "代维管理员审批 Carrier admin approval"
APPROVER_GROUP = "carrier_admin"
AUTHOR_GROUP = "Editors"
AUTHOR_PAGE_PERMISSIONS = ("add_page", "change_page")
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
STEPLEN = 4


def _base36(number):
    digits = ""
    while number:
        number, rest = divmod(number, 36)
        digits = ALPHABET[rest] + digits
    return digits.rjust(STEPLEN, "0")


def _create_index(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    PolicyIndexPage = apps.get_model("home", "PolicyIndexPage")
    home = Page.objects.filter(depth=2).order_by("path").first()
    if home is None or Page.objects.filter(
        depth=3, path__startswith=home.path, slug="policies"
    ).exists():
        return None
    last = (
        Page.objects.filter(depth=3, path__startswith=home.path)
        .order_by("-path")
        .values_list("path", flat=True)
        .first()
    )
    step = int(last[-STEPLEN:], 36) + 1 if last else 1
    content_type, __ = ContentType.objects.get_or_create(
        app_label="home", model="policyindexpage"
    )
    now = timezone.now()
    index = PolicyIndexPage.objects.create(
        title="规章制度",
        draft_title="规章制度",
        title_en="Policies",
        slug="policies",
        content_type=content_type,
        path=home.path + _base36(step),
        depth=3,
        numchild=0,
        url_path=f"{home.url_path}policies/",
        locale_id=home.locale_id,
        first_published_at=now,
        last_published_at=now,
    )
    Page.objects.filter(pk=home.pk).update(numchild=home.numchild + 1)
    return index


def _approval_workflow(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        content_type, __ = ContentType.objects.get_or_create(
            app_label="wagtailcore", model="groupapprovaltask"
        )
        task = GroupApprovalTask.objects.create(
            name=TASK_NAME, content_type=content_type, active=True
        )
    approvers, __ = Group.objects.get_or_create(name=APPROVER_GROUP)
    task.groups.add(approvers)
    workflow, __ = Workflow.objects.get_or_create(
        name=WORKFLOW_NAME, defaults={"active": True}
    )
    WorkflowTask.objects.get_or_create(
        workflow=workflow, task_id=task.pk, defaults={"sort_order": 0}
    )
    return workflow


def forwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    PolicyIndexPage = apps.get_model("home", "PolicyIndexPage")

    index = PolicyIndexPage.objects.order_by("path").first() or _create_index(apps)
    if index is None:
        return
    workflow = _approval_workflow(apps)
    WorkflowPage.objects.update_or_create(
        page_id=index.pk, defaults={"workflow": workflow}
    )
    authors, __ = Group.objects.get_or_create(name=AUTHOR_GROUP)
    for codename in AUTHOR_PAGE_PERMISSIONS:
        permission = Permission.objects.get(
            content_type__app_label="wagtailcore", codename=codename
        )
        GroupPagePermission.objects.get_or_create(
            group=authors, page_id=index.pk, permission=permission
        )


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("home", "0006_policies"),
        ("wagtailcore", "0098_apitoken"),
    ]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
