from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.translation import gettext as _

import fixtures
from fixtures.users import logins
from registry.roles import Role


class Command(BaseCommand):
    help = "Load the demo data (idempotent: a second run changes nothing)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--logins", action="store_true", help="Print the demo logins afterwards."
        )

    def handle(self, *args, **options):
        with transaction.atomic():
            fixtures.load_all()
        self.stdout.write(self.style.SUCCESS(_("Demo data loaded.")))
        if options["logins"]:
            self.stdout.write(_("Demo logins (password: %s):") % fixtures.DEMO_PASSWORD)
            for username, role in logins():
                self.stdout.write(f"  {username:<10} {Role(role).label} ({role})")
