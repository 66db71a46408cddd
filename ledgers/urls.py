from django.urls import path

from . import views

app_name = "ledgers"

urlpatterns = [
    path("parts/", views.PartListView.as_view(), name="parts"),
    path("parts/<int:pk>/", views.PartDetailView.as_view(), name="part"),
    path("keys/", views.KeyListView.as_view(), name="keys"),
    path("keys/audit/", views.KeyAuditView.as_view(), name="key_audit"),
    path("keys/<slug:code>/", views.KeyDetailView.as_view(), name="key"),
    path("assets/", views.AssetListView.as_view(), name="assets"),
    path("assets/<int:pk>/", views.AssetDetailView.as_view(), name="asset"),
]
