from django.urls import include, path

from . import views
from .delegation.views import ReassignView, SnoozeView
from .staff_change.views import cap_usage

app_name = "workflows"

urlpatterns = [
    path("faults/", include("workflows.faults.urls")),
    path("staff-changes/cap/", cap_usage, name="staff_change_cap"),
    path("site-visits/", include("workflows.site_access.urls")),
    path("inspections/", include("workflows.inspection.urls")),
    path("assessments/", include("workflows.assessment.urls")),
    path("obligations/", include("workflows.obligations.urls")),
    path("<int:pk>/", views.RequestDetailView.as_view(), name="request"),
    path("<int:pk>/tasks/<int:task_pk>/", views.TaskView.as_view(), name="task"),
    path(
        "<int:pk>/tasks/<int:task_pk>/claim/",
        views.ClaimView.as_view(action="claim"),
        name="claim",
    ),
    path(
        "<int:pk>/tasks/<int:task_pk>/release/",
        views.ClaimView.as_view(action="release"),
        name="release",
    ),
    path(
        "<int:pk>/tasks/<int:task_pk>/reassign/",
        ReassignView.as_view(),
        name="reassign",
    ),
    path("<int:pk>/tasks/<int:task_pk>/snooze/", SnoozeView.as_view(), name="snooze"),
]
