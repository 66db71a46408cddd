"""Wagtail hooks of the content app."""

from wagtail import hooks

from .request_documents import redirect_request_attachment

# Before Wagtail's own view-restriction check, which would serve PDFs inline.
hooks.register("before_serve_document", redirect_request_attachment, order=-100)
