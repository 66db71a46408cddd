from django.urls import path

from . import views

app_name = "workflows"

urlpatterns = [
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
]
