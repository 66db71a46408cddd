from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("", views.NotificationListView.as_view(), name="list"),
    path("read/", views.ReadView.as_view(), name="read"),
    path("<int:pk>/open/", views.OpenView.as_view(), name="open"),
    path("preferences/", views.PreferencesView.as_view(), name="preferences"),
]
