from django.urls import path

from . import views

urlpatterns = [
    path("", views.TicketListView.as_view(), name="fault_list"),
    path("dispatch/", views.DispatchView.as_view(), name="fault_dispatch"),
    path("<int:pk>/progress/", views.ProgressView.as_view(), name="fault_progress"),
]
