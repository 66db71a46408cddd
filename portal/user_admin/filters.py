"""How a yes/no filter reads once applied in the CMS's listings ("有效：是")."""

import django_filters
from django.utils.translation import gettext as _
from wagtail.admin.active_filters import (
    ActiveFilter,
    BaseFilterAdapter,
    register_filter_adapter_class,
)


class BooleanFilterAdapter(BaseFilterAdapter):
    """Wagtail shows the value as ``str(True)``: say yes or no instead."""

    def get_active_filters(self):
        yield ActiveFilter(
            self.bound_field.auto_id,
            self.filter.label,
            _("Yes") if self.value else _("No"),
            self.get_url_without_filter_param(self.name),
        )


def boolean_filters_register() -> None:
    register_filter_adapter_class(django_filters.BooleanFilter, BooleanFilterAdapter)
