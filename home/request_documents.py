"""Serving request attachments: to the carrier and the filer's company, as downloads.

Wagtail's document view shows PDFs inline and its ``before_serve_document``
hook cannot return a streamed file, so a request's attachment is served here
instead: the hook sends anyone who follows ``document.url`` to this view.
"""

from pathlib import PurePath

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe
from wagtail.documents import get_document_model
from wagtail.utils import sendfile_streaming_backend
from wagtail.utils.sendfile import sendfile

from .request_selectors import submissions_for_user
from .request_submissions import RequestSubmission


def attachment_url(document) -> str:
    return reverse("home:request_attachment", args=[document.pk, document.filename])


def download_name(document) -> str:
    """The name the file was uploaded under (the document's title), unless the
    title was changed to one without the stored file's extension."""
    stored, given = PurePath(document.filename), PurePath(document.title)
    if given.name == document.title and given.suffix.lower() == stored.suffix.lower():
        return document.title
    return document.filename


def redirect_request_attachment(document, request):
    """``before_serve_document`` hook: a request's attachment is served by us."""
    if RequestSubmission.objects.filter(attachments=document).exists():
        return redirect(attachment_url(document))
    return None


@require_safe
@login_required
def request_attachment(request, document_id: int, filename: str):
    """Download an attachment of a request the user may see; never inline."""
    visible = get_document_model().objects.filter(
        request_submissions__in=submissions_for_user(request.user)
    )
    document = get_object_or_404(visible.distinct(), pk=document_id)
    if document.filename != filename:
        raise Http404
    try:
        path = document.file.path
    except NotImplementedError:  # remote storage: stream it through Django
        response = FileResponse(
            document.file.open("rb"),
            as_attachment=True,
            filename=download_name(document),
            content_type=document.content_type,
        )
    else:  # like Wagtail's own view: X-Sendfile when SENDFILE_BACKEND is set
        options = {"attachment_filename": download_name(document)}
        if not hasattr(settings, "SENDFILE_BACKEND"):
            options["backend"] = sendfile_streaming_backend.sendfile
        response = sendfile(
            request, path, attachment=True, mimetype=document.content_type, **options
        )
    response["Content-Security-Policy"] = "default-src 'none'"
    response["X-Content-Type-Options"] = "nosniff"
    patch_cache_control(response, private=True)
    return response
