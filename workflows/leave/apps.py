from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LeaveConfig(AppConfig):
    name = "workflows.leave"
    label = "leave"
    verbose_name = _("Leave")

    def ready(self):
        from workflows.catalog import register_flow
        from workflows.kinds import register_form_kind

        from . import steps  # noqa: F401  (registers the flow's steps)
        from .flows import LeaveFlow
        from .forms import LeaveForm
        from .services import LeaveInput, leave_submit

        register_flow(LeaveFlow)
        register_form_kind(
            key="leave",
            label=_("Leave"),
            form=LeaveForm,
            input_class=LeaveInput,
            submit=leave_submit,
            permission="leave.add_leave",
        )
