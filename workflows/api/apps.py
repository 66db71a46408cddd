from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    """The JSON API; its one table remembers ``Idempotency-Key`` answers."""

    name = "workflows.api"
    label = "api"
    verbose_name = _("API")
