"""The seeded rule revisions keep their topic's title in Chinese, as the CMS
lists it (they were seeded with the English verbose name)."""

from django.db import migrations
from django.utils.text import capfirst

from home.rules.defaults import DEFAULTS
from home.rules.seed import seeded_title


def titles_in_chinese(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("wagtailcore", "Revision")
    for spec in DEFAULTS.values():
        try:
            model = apps.get_model("home", spec["model"])
        except LookupError:  # a topic added later is seeded with its title
            continue
        english = capfirst(str(model._meta.verbose_name))
        kinds = ContentType.objects.filter(
            app_label="home", model=model._meta.model_name
        )
        Revision.objects.filter(content_type__in=kinds, object_str=english).update(
            object_str=seeded_title(model)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0013_site_owners_and_prework"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunPython(titles_in_chinese, migrations.RunPython.noop),
    ]
