"""Let carrier admins view, add, edit and publish rules and checklist templates."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

RULE_MODELS = (
    "staffchangerules",
    "deadlinerules",
    "slarules",
    "assessmentrules",
    "trainingrules",
)
CODENAMES = [
    f"{action}_{model}"
    for model in (*RULE_MODELS, "checklisttemplate")
    for action in ("add", "change", "publish", "view")
] + ["delete_checklisttemplate"]


def forwards(apps, schema_editor):
    # Permissions are normally made after migrate; make home's now.
    app_config = apps.get_app_config("home")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    # Wagtail makes "publish" permissions after migrate; make them now too.
    for model in (*RULE_MODELS, "checklisttemplate"):
        content_type, _ = ContentType.objects.get_or_create(
            app_label="home", model=model
        )
        verbose_name = apps.get_model("home", model)._meta.verbose_name_raw
        Permission.objects.get_or_create(
            content_type=content_type,
            codename=f"publish_{model}",
            defaults={"name": f"Can publish {verbose_name}"},
        )
    group, _ = Group.objects.get_or_create(name="carrier_admin")
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="home", codename__in=CODENAMES
        )
    )


def backwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name="carrier_admin").first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="home", codename__in=CODENAMES
            )
        )


class Migration(migrations.Migration):
    dependencies = [("home", "0004_seed_rules"), ("portal", "0001_roles")]
    operations = [migrations.RunPython(forwards, backwards)]
