"""Seed every rule topic with the values of DOMAIN.md, published as revision 1."""

from django.db import migrations

from home.rules.seed import seed_rules


def forwards(apps, schema_editor):
    seed_rules(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0003_rules_and_checklists"),
        ("portal", "0001_roles"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
