"""SQL for the calendar's database constraints.

Django's own date extracts call Python functions it registers on SQLite
connections; a CHECK constraint using them breaks the plain ``sqlite3`` shell and
a dump-and-restore. This expression is native SQL on SQLite and PostgreSQL.
"""

from django.db.models import Func, IntegerField

SUNDAY, SATURDAY = 0, 6


class DayOfWeek(Func):
    """The day of the week of a date column: 0 = Sunday … 6 = Saturday."""

    arity = 1
    output_field = IntegerField()
    template = "CAST(EXTRACT(DOW FROM %(expressions)s) AS integer)"

    def as_sqlite(self, compiler, connection, **extra_context):
        # "%%%%" survives this template's formatting as "%%", which Django's SQL
        # layer turns into the single "%" strftime wants.
        return self.as_sql(
            compiler,
            connection,
            template="CAST(strftime('%%%%w', %(expressions)s) AS integer)",
            **extra_context,
        )
