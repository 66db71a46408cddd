from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentConfig(AppConfig):
    name = "workflows.assessment"
    label = "assessment"
    verbose_name = _("Monthly assessments")

    def ready(self):
        from workflows.catalog import register_flow

        from . import steps  # noqa: F401  (registers the steps)
        from .collectors import register_builtin
        from .flows import AssessmentFlow

        register_flow(AssessmentFlow)
        register_builtin()
