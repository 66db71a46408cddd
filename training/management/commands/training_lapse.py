from django.core.management.base import BaseCommand

from training.services import certificates_lapse


class Command(BaseCommand):
    help = "Drop people whose required training certificate lapsed back to trainee."

    def handle(self, *args, **options):
        self.stdout.write(str(certificates_lapse()))
