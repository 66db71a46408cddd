from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ObligationsConfig(AppConfig):
    name = "workflows.obligations"
    label = "obligations"
    verbose_name = _("Obligations")

    def ready(self):
        from home.models.obligations import ReportKind
        from workflows.catalog import register_flow
        from workflows.kinds import register_form_kind

        from . import steps  # noqa: F401  (registers the review step)
        from .flows import ReportFlow
        from .forms import report_form_for
        from .reports import ADD_PERMISSION, ReportInput, report_submit_for

        register_flow(ReportFlow)
        for kind in ReportKind:
            register_form_kind(
                key=f"report_{kind.value}",
                label=kind.label,
                form=report_form_for(kind.value),
                input_class=ReportInput,
                submit=report_submit_for(kind.value),
                permission=ADD_PERMISSION,
            )
