from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardsConfig(AppConfig):
    """The dashboards (看板): read every app, write nothing.

    Built-in panels register themselves when ``dashboards.panels`` loads; a
    later app adds its own panel with ``dashboards.registry.register_panel``
    from a module of its own (see ``registry.py``).
    """

    name = "dashboards"
    verbose_name = _("Dashboards")

    def ready(self):
        from . import live, panels  # noqa: F401  (registers panels and signals)
