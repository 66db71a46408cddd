from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DelegationConfig(AppConfig):
    name = "workflows.delegation"
    label = "delegation"
    verbose_name = _("Substitutes, reassignment and snoozes")
