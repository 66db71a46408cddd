from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")

    def ready(self):
        from .master_data import SiteSource, StaffSource
        from .policies import PolicySource
        from .sources import source_register

        # Content search may import itself; workflows registers its requests.
        for source in (PolicySource(), StaffSource(), SiteSource()):
            source_register(source)
