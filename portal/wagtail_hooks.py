"""The portal's admin hooks.

Locked-out logins: an admin unlocks one by deleting it. User bulk actions:
Wagtail's are replaced (same action type, registered later).
"""

from axes.models import AccessAttempt
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .user_admin.bulk_actions import AssignRoleBulkAction, SetActiveStateBulkAction


class UnlockOnlyPermissionPolicy(ModelPermissionPolicy):
    """Failures are recorded by axes alone: admins may look and delete (unlock)."""

    def user_has_permission(self, user, action):
        if action in ("add", "change"):
            return False
        return super().user_has_permission(user, action)


register_permission_policy(AccessAttempt, UnlockOnlyPermissionPolicy(AccessAttempt))


class LockedOutLoginViewSet(ModelViewSet):
    model = AccessAttempt
    icon = "lock"
    menu_label = _("Locked-out logins")
    name = "locked_out_logins"
    add_to_settings_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    form_fields = ["username"]
    search_fields = ["username", "ip_address"]
    ordering = ["-attempt_time"]
    list_display = [
        Column("username", label=_("user name")),
        Column("ip_address", label=_("IP address")),
        Column("failures_since_start", label=_("failed logins")),
        DateColumn("attempt_time", label=_("last failure")),
    ]


@hooks.register("register_admin_viewset")
def register_locked_out_logins():
    return LockedOutLoginViewSet()


for action_class in (AssignRoleBulkAction, SetActiveStateBulkAction):
    hooks.register("register_bulk_action", action_class, order=100)
