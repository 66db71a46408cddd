from django.utils.functional import SimpleLazyObject

from .selectors import unread_count


def unread(request):
    """The header's unread notifications, counted only when a page shows them.

    Its own processor (not the shell's): a cached shell still shows the count
    of this request."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"notifications_unread": SimpleLazyObject(lambda: unread_count(user))}
