from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UpgradeConfig(AppConfig):
    name = "workflows.upgrade"
    label = "upgrade"
    verbose_name = _("Software upgrades")

    def ready(self):
        from workflows.catalog import register_flow, register_row_notes
        from workflows.kinds import register_form_kind

        from . import api, steps  # noqa: F401  (registers steps, API actions)
        from .flows import UpgradeFlow
        from .forms import UpgradeForm
        from .selectors import late_lines
        from .services import UpgradeInput, upgrade_submit

        register_flow(UpgradeFlow)
        register_row_notes(UpgradeFlow, late_lines)
        register_form_kind(
            key="upgrade",
            label=_("Software upgrade"),
            form=UpgradeForm,
            input_class=UpgradeInput,
            submit=upgrade_submit,
            permission="upgrade.add_softwareupgrade",
        )
