from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PresenceConfig(AppConfig):
    name = "workflows.presence"
    label = "presence"
    verbose_name = _("Proof of presence")
