from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StaffChangeConfig(AppConfig):
    name = "workflows.staff_change"
    label = "staff_change"
    verbose_name = _("Staff changes")

    def ready(self):
        from workflows.catalog import register_flow, register_row_notes
        from workflows.kinds import register_form_kind

        from . import api, steps  # noqa: F401  (registers steps, API actions)
        from .flows import StaffChangeFlow
        from .forms import StaffChangeForm
        from .selectors import people_lines
        from .services import StaffChangeInput, staff_change_submit

        register_flow(StaffChangeFlow)
        register_row_notes(StaffChangeFlow, people_lines)
        register_form_kind(
            key="staff_change",
            label=_("Staff change"),
            form=StaffChangeForm,
            input_class=StaffChangeInput,
            submit=staff_change_submit,
            permission="staff_change.add_staffchange",
        )
