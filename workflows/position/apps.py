from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PositionConfig(AppConfig):
    name = "workflows.position"
    label = "position"
    verbose_name = _("Position changes")

    def ready(self):
        from workflows.catalog import register_flow
        from workflows.kinds import register_form_kind

        from . import steps  # noqa: F401  (registers the flow's steps)
        from .flows import PositionFlow
        from .forms import PositionForm
        from .services import PositionInput, position_submit

        register_flow(PositionFlow)
        register_form_kind(
            key="position",
            label=_("Position change"),
            form=PositionForm,
            input_class=PositionInput,
            submit=position_submit,
            permission="position.add_positionchange",
        )
