"""Draft the monthly assessments of one month for every contractor company."""

from datetime import date

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from registry.calendar import local_today
from workflows.assessment.rules import month_start, previous_month
from workflows.assessment.services import month_draft


def _month(text: str) -> date:
    try:
        year, month = (int(part) for part in text.split("-"))
        return date(year, month, 1)
    except ValueError as error:
        raise CommandError(f"--month wants YYYY-MM, not {text!r}") from error


class Command(BaseCommand):
    help = (
        "Draft the assessments of --month (YYYY-MM; default: last month) for "
        "every contractor company; a company's existing one is left as it is."
    )

    def add_arguments(self, parser):
        parser.add_argument("--month", default="")

    def handle(self, *args, month="", **options):
        wanted = _month(month) if month else previous_month(month_start(local_today()))
        try:
            results = month_draft(month=wanted)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        made = sum(created for _a, created in results)
        self.stdout.write(
            f"{wanted:%Y-%m}: {made} drafted, {len(results) - made} already there"
        )
