"""Seed the working calendar with every year the installed chinesecalendar knows.

Later package versions are picked up by ``manage.py sync_working_calendar``.
Reversing keeps the rows: seeding again is idempotent, and 0002 drops the tables.
"""

from django.db import migrations

from registry.calendar_sync import working_calendar_sync


def seed(apps, schema_editor):
    working_calendar_sync(
        day_model=apps.get_model("registry", "CalendarDay"),
        year_model=apps.get_model("registry", "CalendarYear"),
    )


class Migration(migrations.Migration):
    dependencies = [("registry", "0002_working_calendar")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
