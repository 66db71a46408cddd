from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LedgersConfig(AppConfig):
    """Spare parts, keys and fixed assets (台账), scoped to the holding company."""

    name = "ledgers"
    verbose_name = _("Ledgers")
