"""Public uploads under ``/media/``: Wagtail's images and their renditions only.

Documents (request attachments among them) live under ``documents/`` and are
served only through their views, which check who may see them: Wagtail's
``/documents/`` view (collection privacy) and ``home.request_documents``. So
neither the app nor a proxy may serve ``MEDIA_ROOT`` whole; a proxy that takes
this load serves exactly :data:`PUBLIC_FOLDERS`.
"""

import posixpath

from django.conf import settings
from django.http import Http404
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe
from django.views.static import serve

PUBLIC_FOLDERS = ("images/", "original_images/")
# A rendition's file name changes with the image: safe to keep a day.
MAX_AGE = 24 * 3600


@require_safe
def public_media(request, path: str):
    path = posixpath.normpath(path).lstrip("/")
    if not path.startswith(PUBLIC_FOLDERS):
        raise Http404
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    return response
