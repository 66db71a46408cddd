"""Let carrier admins view, add, edit and publish rules and checklist templates."""

from django.db import migrations

from home.permissions import CODENAMES, grant_carrier_admin


def forwards(apps, schema_editor):
    grant_carrier_admin(apps)


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
