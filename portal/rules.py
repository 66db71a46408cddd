"""Who may grant which rights in the CMS's user admin.

Superusers grant anything, including superuser rights and the carrier admin
role. Everyone else (carrier admins hold ``auth.change_user``) grants only the
portal's other roles and the policy authors' group, never touches a superuser's
account, and nobody changes their own groups: a carrier admin cannot add itself
to, say, the department heads and act at every step.
"""

from django.contrib.auth.models import Group
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from home.moderation import AUTHOR_GROUP
from registry.roles import Role

GRANTABLE_BY_STAFF = frozenset(Role.values) - {Role.CARRIER_ADMIN} | {AUTHOR_GROUP}

SUPERUSERS_ONLY = _("Only a superuser can grant administrator rights.")
OWN_GROUPS_LOCKED = _("You cannot change your own groups; ask another administrator.")
GROUPS_KEPT = _("Also holds %(groups)s, which only a superuser can change.")


def groups_grantable_by(editor) -> QuerySet[Group]:
    """The groups ``editor`` may add to or remove from another user."""
    if editor.is_superuser:
        return Group.objects.all()
    return Group.objects.filter(name__in=GRANTABLE_BY_STAFF)


def user_manageable_by(*, editor, user) -> bool:
    """Only a superuser edits, deactivates or re-passwords a superuser."""
    return editor.is_superuser or not user.is_superuser


def groups_editable_by(*, editor, user) -> bool:
    """Nobody edits their own groups (a new user, ``pk`` None, is never oneself)."""
    return user.pk is None or user.pk != editor.pk
