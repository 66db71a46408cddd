from django.urls import path

from . import pages
from .finding_list import FindingListView

app_name = "inspection"

urlpatterns = [
    path("", pages.due_list, name="due"),
    path("rows/<int:pk>/", pages.execution_page, name="execute"),
    path("rows/<int:pk>/items/<slug:key>/", pages.item_save, name="item"),
    path("rows/<int:pk>/submit/", pages.execution_submit, name="submit"),
    path("rows/<int:pk>/findings/", pages.finding_add, name="finding_add"),
    path("rows/<int:pk>/photos/<slug:key>/", pages.photo, name="photo"),
    path("findings/", FindingListView.as_view(), name="findings"),
    path("findings/<int:pk>/follow-up/", pages.follow_up, name="follow_up"),
    path("progress/", pages.progress, name="progress"),
]
