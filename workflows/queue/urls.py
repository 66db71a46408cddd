from django.urls import path

from ..delegation.views import SubstitutesView
from .views import CountView, QueueView, RequestExportView

app_name = "queue"

urlpatterns = [
    path("", QueueView.as_view(), name="queue"),
    path("count/", CountView.as_view(), name="count"),
    path("export/", RequestExportView.as_view(), name="export"),
    path("substitutes/", SubstitutesView.as_view(), name="substitutes"),
]
