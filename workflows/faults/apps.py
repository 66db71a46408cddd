from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FaultsConfig(AppConfig):
    name = "workflows.faults"
    label = "faults"
    verbose_name = _("Fault tickets")

    def ready(self):
        from workflows.catalog import register_flow, register_row_notes

        from . import api, steps  # noqa: F401  (registers steps, API actions)
        from .flows import FaultFlow
        from .selectors import sla_flags

        register_flow(FaultFlow)
        register_row_notes(FaultFlow, sla_flags)
