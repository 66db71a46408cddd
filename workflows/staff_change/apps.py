from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StaffChangeConfig(AppConfig):
    name = "workflows.staff_change"
    label = "staff_change"
    verbose_name = _("Staff changes")

    def ready(self):
        from workflows.catalog import register_flow

        from . import api, steps  # noqa: F401  (registers steps, API actions)
        from .flows import StaffChangeFlow
        from .kind import register_kind

        register_flow(StaffChangeFlow)
        register_kind()
