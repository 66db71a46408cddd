from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LeaveConfig(AppConfig):
    name = "workflows.leave"
    label = "leave"
    verbose_name = _("Leave")

    def ready(self):
        from . import steps  # noqa: F401  (registers the flow's steps)
