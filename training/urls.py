from django.urls import path

from . import manage_views, views

app_name = "training"
urlpatterns = [
    path("", views.my_training, name="mine"),
    path("modules/<int:pk>/lessons/<int:number>/", views.lesson, name="lesson"),
    path("modules/<int:pk>/quiz/", views.quiz, name="quiz"),
    path("attempts/<int:pk>/", views.attempt, name="attempt"),
    path("certificates/<str:number>/", views.certificate, name="certificate"),
    path("sessions/", manage_views.sessions, name="sessions"),
    path("sessions/<int:pk>/rate/", manage_views.session_rate, name="rate"),
    path("oversight/", manage_views.oversight, name="oversight"),
]
