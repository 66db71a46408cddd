import datetime

from django.core.management.base import BaseCommand, CommandError

from registry.models import Company
from workflows.inspection.checks import draws_due, recheck_draw, spot_check_draw


def _month(value: str) -> tuple[int, int]:
    try:
        day = datetime.date.fromisoformat(f"{value}-01")
    except ValueError:
        raise CommandError(f"Not a month (YYYY-MM): {value}") from None
    return day.year, day.month


class Command(BaseCommand):
    help = (
        "Draw the carrier's re-check samples of last month (or --month YYYY-MM) "
        "and this year's spot checks that are not drawn yet; prints how many."
    )

    def add_arguments(self, parser):
        parser.add_argument("--month", help="Draw this month's samples (YYYY-MM).")

    def handle(self, *args, month=None, **options):
        if month is None:
            self.stdout.write(str(draws_due()))
            return
        year, number = _month(month)
        count = 0
        for company in Company.objects.all():
            recheck_draw(company=company, year=year, month=number)
            spot_check_draw(company=company, year=year)
            count += 1
        self.stdout.write(str(count))
