"""Carrier admins edit and publish rules and checklist templates.

Shared by the migration that first grants them and the post-``migrate`` hook
that grants them again after a test-database flush. Additive and idempotent.
"""

from registry.roles import Role

RULE_MODELS = (
    "staffchangerules",
    "deadlinerules",
    "slarules",
    "assessmentrules",
    "trainingrules",
    "stepgrouprules",
    "obligationrules",
)
EDITED_MODELS = (*RULE_MODELS, "checklisttemplate")
CODENAMES = (
    *(
        f"{action}_{model}"
        for model in EDITED_MODELS
        for action in ("add", "change", "publish", "view")
    ),
    "delete_checklisttemplate",
)


def grant_carrier_admin(apps) -> None:
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in EDITED_MODELS:
        try:
            name = apps.get_model("home", model)._meta.verbose_name_raw
        except LookupError:  # a migration from before the model existed
            continue
        content_type, _ = ContentType.objects.get_or_create(
            app_label="home", model=model
        )
        for action in ("add", "change", "delete", "view", "publish"):
            Permission.objects.get_or_create(
                content_type=content_type,
                codename=f"{action}_{model}",
                defaults={"name": f"Can {action} {name}"},
            )
    group, _ = Group.objects.get_or_create(name=Role.CARRIER_ADMIN)
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="home", codename__in=CODENAMES
        )
    )
