from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TempLeadConfig(AppConfig):
    name = "workflows.temp_lead"
    label = "temp_lead"
    verbose_name = _("Temporary leads")

    def ready(self):
        from . import steps  # noqa: F401  (registers the flow's steps)
