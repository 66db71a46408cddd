"""The working calendar in the Wagtail admin: snippets and the dashboard warning."""

import django_filters
from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.components import Component
from wagtail.snippets.views.snippets import SnippetViewSet

from .calendar import local_today, years_without_data
from .models import CalendarDay, CalendarYear

DAYS_NAMESPACE = "wagtailsnippets_registry_calendarday"
YEARS_NAMESPACE = "wagtailsnippets_registry_calendaryear"


def _years_with_days():
    return [
        (day.year, day.year)
        for day in CalendarDay.objects.dates("date", "year", order="DESC")
    ]


class CalendarDayFilterSet(WagtailFilterSet):
    year = django_filters.ChoiceFilter(
        label=_("Year"),
        field_name="date",
        lookup_expr="year",
        choices=_years_with_days,
        empty_label=_("All"),
        widget=forms.Select,
    )

    class Meta:
        model = CalendarDay
        fields = ["year", "kind"]


class CalendarDayViewSet(SnippetViewSet):
    model = CalendarDay
    icon = "date"
    add_to_admin_menu = False
    search_backend_name = None
    list_display = ["date", "weekday", "kind", "name_zh", "name_en"]
    filterset_class = CalendarDayFilterSet
    search_fields = ["name_zh", "name_en"]
    list_per_page = 50
    panels = [
        FieldPanel("date"),
        FieldPanel("kind"),
        FieldPanel("name_zh"),
        FieldPanel("name_en"),
    ]


class CalendarYearViewSet(SnippetViewSet):
    model = CalendarYear
    icon = "calendar"
    add_to_admin_menu = False
    search_backend_name = None
    list_display = ["year", "source", "notes"]
    list_filter = ["source"]
    search_fields = ["year", "notes"]


class MissingCalendarYearsPanel(Component):
    """Warns that deadlines in these years count Monday to Friday only."""

    name = "working_calendar_missing"
    template_name = "registry/calendar_missing_panel.html"
    order = 50

    def __init__(self, years: list[int]):
        self.years = years

    def get_context_data(self, parent_context):
        return {
            "years_label": ", ".join(str(year) for year in self.years),
            "days_url": reverse(f"{DAYS_NAMESPACE}:list"),
            "add_year_url": reverse(f"{YEARS_NAMESPACE}:add"),
        }


def missing_years_panel(user) -> MissingCalendarYearsPanel | None:
    """The warning for the current and next year in China, to those who can act."""
    if not user.has_perm("registry.add_calendarday"):
        return None
    this_year = local_today().year
    years = years_without_data([this_year, this_year + 1])
    return MissingCalendarYearsPanel(years) if years else None
