from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _sync_roles(sender, apps=None, using="default", **kwargs):
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions

    from .roles import apply_role_permissions

    # Portal's signal fires before later apps made their permissions: make them.
    for app_config in global_apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using)
    # ``flush`` (test teardown) sends post_migrate without ``apps``.
    apply_role_permissions(apps or global_apps)


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")

    def ready(self):
        # After every migrate (and test-database flush): groups and baseline
        # permissions exist, including those of models added since.
        post_migrate.connect(_sync_roles, sender=self, dispatch_uid="portal-roles")
        from . import languages  # noqa: F401 (connects the login receiver)
        from .exports import neutralise_wagtail_exports
        from .user_admin.filters import boolean_filters_register

        neutralise_wagtail_exports()
        boolean_filters_register()
