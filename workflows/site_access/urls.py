from django.urls import path

from .log import VisitLogView

app_name = "site_access"

urlpatterns = [path("", VisitLogView.as_view(), name="log")]
