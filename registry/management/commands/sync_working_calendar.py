"""Add or update the working calendar's years from the installed chinesecalendar."""

from django.core.management.base import BaseCommand

from registry.calendar_sync import package_version, working_calendar_sync


def _counts(added: int, updated: int, removed: int) -> str:
    return f"{added} added, {updated} updated, {removed} removed"


class Command(BaseCommand):
    help = (
        "Make every year the installed chinesecalendar package knows match it; "
        "years entered by an admin are left alone. Safe to run repeatedly, e.g. "
        "after upgrading the package."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Report what would change without saving it.",
        )

    def handle(self, *args, dry_run: bool, verbosity: int, **options):
        results = working_calendar_sync(dry_run=dry_run)
        for result in results:
            if result.admin_entered:
                self.stdout.write(f"{result.year}: entered by an admin, left alone")
            elif result.changed or verbosity > 1:
                counts = _counts(result.added, result.updated, result.removed)
                self.stdout.write(f"{result.year}: {counts}")
        synced = [result for result in results if not result.admin_entered]
        totals = _counts(
            sum(result.added for result in synced),
            sum(result.updated for result in synced),
            sum(result.removed for result in synced),
        )
        summary = f"chinesecalendar {package_version()}: {len(synced)} years, {totals}"
        if dry_run:
            summary += " (dry run: nothing saved)"
        self.stdout.write(self.style.SUCCESS(summary))
