"""Wagtail's user bulk actions under the grant rules of ``portal.rules``."""

from wagtail.users.views import bulk_actions

from portal.rules import groups_editable_by, groups_grantable_by, user_manageable_by
from registry.roles import group_label


class AssignRoleBulkAction(bulk_actions.AssignRoleBulkAction):
    """Only grantable groups, never to oneself or (for non-superusers) a superuser."""

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.fields["role"].queryset = groups_grantable_by(self.request.user)
        form.fields["role"].label_from_instance = group_label
        return form

    def check_perm(self, obj):
        editor = self.request.user
        return (
            super().check_perm(obj)
            and user_manageable_by(editor=editor, user=obj)
            and groups_editable_by(editor=editor, user=obj)
        )


class SetActiveStateBulkAction(bulk_actions.SetActiveStateBulkAction):
    """Only a superuser deactivates a superuser."""

    def check_perm(self, obj):
        return super().check_perm(obj) and user_manageable_by(
            editor=self.request.user, user=obj
        )
