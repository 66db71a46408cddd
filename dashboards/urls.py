from django.urls import path

from . import views

app_name = "dashboards"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("data/", views.dashboard_data, name="data"),
    path("export/<slug:key>.xlsx", views.panel_export, name="export"),
]
