"""Views of the content app outside the page tree: request attachments."""

from django.urls import path

from .request_documents import request_attachment

app_name = "home"

urlpatterns = [
    path(
        "<int:document_id>/<str:filename>",
        request_attachment,
        name="request_attachment",
    ),
]
