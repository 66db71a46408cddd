from django.contrib.auth.models import AnonymousUser
from django.utils.functional import SimpleLazyObject

from registry.roles import Role, roles_of
from registry.selectors import company_shown
from workflows.queue.selectors import open_count

from .navigation import entry_points_for


def portal(request):
    """Navigation, roles and company of the user, for the shared page shell.

    All three come from the user's cached facts (``registry.facts``); the
    badge's count is the shell's one query of its own.
    """
    # A request refused before the auth middleware ran (a bad Host) has no user;
    # its error page is still rendered in the shell.
    user = getattr(request, "user", None) or AnonymousUser()
    role_labels = [Role(value).label for value in sorted(roles_of(user))]
    return {
        "entry_points": entry_points_for(user),
        "user_roles": role_labels,
        "user_company": company_shown(user),
        "queue_count": SimpleLazyObject(lambda: open_count(user)),
    }
