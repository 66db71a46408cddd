from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _seed_rules(sender, apps=None, **kwargs):
    from django.apps import apps as global_apps

    from .permissions import grant_carrier_admin
    from .rules.seed import seed_rules

    # ``flush`` (test teardown) sends post_migrate without ``apps``.
    seed_rules(apps or global_apps)
    grant_carrier_admin(apps or global_apps)


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Content")

    def ready(self):
        # The rules (and carrier admins' right to edit them) exist after every
        # migrate and test-database flush: the flows cannot decide without them.
        post_migrate.connect(_seed_rules, sender=self, dispatch_uid="home-rules")
        from .facts import facts_receivers_connect

        # The navigation's pages and the rules' step groups, cached per user.
        facts_receivers_connect()
