from django.urls import path

from . import views
from .imports.views import ImportRunView, ImportView

app_name = "registry"

urlpatterns = [
    path("staff/", views.StaffListView.as_view(), name="staff"),
    path("staff/<int:pk>/", views.StaffDetailView.as_view(), name="person"),
    path("contracts/", views.ContractListView.as_view(), name="contracts"),
    path("sites/", views.SiteListView.as_view(), name="sites"),
    path("sites/<slug:code>/", views.SiteDetailView.as_view(), name="site"),
    path("me/", views.MeView.as_view(), name="me"),
    path("import/<slug:kind>/", ImportView.as_view(), name="import"),
    path(
        "import/<slug:kind>/runs/<int:pk>/",
        ImportRunView.as_view(),
        name="import_run",
    ),
]
