from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteAccessConfig(AppConfig):
    name = "workflows.site_access"
    label = "site_access"
    verbose_name = _("Site access")

    def ready(self):
        from workflows.catalog import register_flow, register_row_notes
        from workflows.deadlines import assigned_due_register
        from workflows.kinds import register_form_kind

        from . import api, steps  # noqa: F401  (registers steps, API actions)
        from .flows import SiteAccessFlow
        from .forms import SiteVisitForm
        from .selectors import visitor_lines
        from .services import ADD_PERMISSION, SiteVisitInput, visit_submit
        from .steps import ASSIGNED_DUE

        register_flow(SiteAccessFlow)
        register_row_notes(SiteAccessFlow, visitor_lines)
        register_form_kind(
            key="site_access",
            label=_("Site visit"),
            form=SiteVisitForm,
            input_class=SiteVisitInput,
            submit=visit_submit,
            permission=ADD_PERMISSION,
        )
        for node, due in ASSIGNED_DUE.items():
            assigned_due_register(
                SiteAccessFlow, node, key=f"site_access.{node}", due=due
            )
