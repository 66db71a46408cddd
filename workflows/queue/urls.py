from django.urls import path

from ..delegation.views import SubstitutesView
from .views import CountView, QueueView

app_name = "queue"

urlpatterns = [
    path("", QueueView.as_view(), name="queue"),
    path("count/", CountView.as_view(), name="count"),
    path("substitutes/", SubstitutesView.as_view(), name="substitutes"),
]
