from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

import fixtures
from fixtures.users import logins
from registry.roles import Role

# The demo's users share one published password: not in a live database by mistake.
PRODUCTION_REFUSED = gettext_lazy(
    "These are the production settings: the demo's users, whose password is "
    "published, would enter the live database. Add --force to load it anyway."
)


class Command(BaseCommand):
    help = "Load the demo data (idempotent: a second run changes nothing)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--logins", action="store_true", help="Print the demo logins afterwards."
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load the demo even under the production settings.",
        )

    def handle(self, *args, **options):
        if settings.PORTAL_PRODUCTION and not options["force"]:
            raise CommandError(PRODUCTION_REFUSED)
        with transaction.atomic():
            fixtures.load_all()
        self.stdout.write(self.style.SUCCESS(_("Demo data loaded.")))
        if options["logins"]:
            self.stdout.write(_("Demo logins (password: %s):") % fixtures.DEMO_PASSWORD)
            for username, role in logins():
                self.stdout.write(f"  {username:<10} {Role(role).label} ({role})")
