from django.urls import path

from . import pages

app_name = "obligations"

urlpatterns = [
    path("", pages.calendar, name="calendar"),
    path("logs/", pages.logs, name="logs"),
    path("logs/<int:pk>/", pages.log_detail, name="log"),
    path("reports/", pages.report_list, name="reports"),
]
