from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FaultsConfig(AppConfig):
    name = "workflows.faults"
    label = "faults"
    verbose_name = _("Fault tickets")

    def ready(self):
        from django.db.models.signals import post_save

        from workflows.catalog import register_flow, register_row_notes
        from workflows.deadlines import assigned_due_register

        from . import api, steps  # noqa: F401  (registers steps, API actions)
        from .board import ticket_saved
        from .flows import FaultFlow
        from .models import FaultTicket
        from .selectors import sla_flags
        from .steps import ASSIGNED_DUE

        post_save.connect(ticket_saved, sender=FaultTicket, dispatch_uid="fault_board")
        register_flow(FaultFlow)
        register_row_notes(FaultFlow, sla_flags)
        for node, due in ASSIGNED_DUE.items():
            assigned_due_register(FaultFlow, node, key=f"faults.{node}", due=due)
