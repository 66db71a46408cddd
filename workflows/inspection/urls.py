from django.urls import path

from . import check_pages, pages, qr
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
    path("findings/<int:pk>/photo/", pages.finding_photo, name="finding_photo"),
    path("findings/<int:pk>/ticket/", pages.finding_ticket, name="finding_ticket"),
    path("progress/", pages.progress, name="progress"),
    path("scan/<uuid:token>/", qr.scan, name="scan"),
    path("labels/", qr.company_labels, name="labels"),
    path("labels/<int:pk>/", qr.site_label, name="label"),
    path("rechecks/", check_pages.recheck_list, name="rechecks"),
    path("rechecks/<int:pk>/", check_pages.recheck_page, name="recheck"),
    path("rechecks/<int:pk>/photo/", check_pages.recheck_photo, name="recheck_photo"),
    path("spot-checks/", check_pages.spot_check_list, name="spot_checks"),
    path(
        "spot-checks/<int:pk>/done/",
        check_pages.spot_check_done,
        name="spot_check_done",
    ),
]
