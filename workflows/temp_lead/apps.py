from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TempLeadConfig(AppConfig):
    name = "workflows.temp_lead"
    label = "temp_lead"
    verbose_name = _("Temporary leads")

    def ready(self):
        from workflows.catalog import register_flow
        from workflows.kinds import register_form_kind

        from . import steps  # noqa: F401  (registers the flow's steps)
        from .flows import TempLeadFlow
        from .forms import TempLeadForm
        from .services import TempLeadInput, temp_lead_submit

        register_flow(TempLeadFlow)
        register_form_kind(
            key="temporary_lead",
            label=_("Temporary lead"),
            form=TempLeadForm,
            input_class=TempLeadInput,
            submit=temp_lead_submit,
            permission="temp_lead.add_templead",
        )
