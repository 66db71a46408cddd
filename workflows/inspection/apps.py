from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InspectionConfig(AppConfig):
    name = "workflows.inspection"
    label = "inspection"
    verbose_name = _("Inspections")

    def ready(self):
        from workflows.catalog import register_flow
        from workflows.deadlines import assigned_due_register
        from workflows.kinds import register_form_kind

        from . import api, steps  # noqa: F401  (registers steps, API actions)
        from .flows import InspectionPlanFlow
        from .forms import PlanForm
        from .services import ADD_PERMISSION, PlanInput, plan_submit

        register_flow(InspectionPlanFlow)
        register_form_kind(
            key="inspection_plan",
            label=_("Inspection plan"),
            form=PlanForm,
            input_class=PlanInput,
            submit=plan_submit,
            permission=ADD_PERMISSION,
        )
        assigned_due_register(
            InspectionPlanFlow, "revise", key="inspection.revise", due=steps.REVISE_DUE
        )
