from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "registry"
    verbose_name = _("Master data")

    def ready(self):
        from .facts import facts_receivers_connect

        # A user's cached facts go when their groups, company or account change.
        facts_receivers_connect()
