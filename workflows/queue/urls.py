from django.urls import path

from .views import CountView, QueueView

app_name = "queue"

urlpatterns = [
    path("", QueueView.as_view(), name="queue"),
    path("count/", CountView.as_view(), name="count"),
]
