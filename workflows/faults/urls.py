from django.urls import path

from . import board, views

urlpatterns = [
    path("", views.TicketListView.as_view(), name="fault_list"),
    path("dispatch/", views.DispatchView.as_view(), name="fault_dispatch"),
    path("board/", board.board, name="fault_board"),
    path("board/rows/", board.board_rows, name="fault_board_rows"),
    path("<int:pk>/progress/", views.ProgressView.as_view(), name="fault_progress"),
    path(
        "<int:pk>/redispatch/", views.RedispatchView.as_view(), name="fault_redispatch"
    ),
    path("<int:pk>/suspend/", views.SuspendView.as_view(), name="fault_suspend"),
    path("<int:pk>/chase/", views.ChaseView.as_view(), name="fault_chase"),
]
