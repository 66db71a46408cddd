"""Wagtail's user forms, cut down to what the editing user may grant."""

from wagtail.users.forms import UserCreationForm, UserEditForm

from portal.rules import (
    GROUPS_KEPT,
    OWN_GROUPS_LOCKED,
    SUPERUSERS_ONLY,
    groups_editable_by,
    groups_grantable_by,
)
from registry.roles import group_label, role_label


class GrantGuardMixin:
    """Needs ``editor``: the user who fills in the form.

    Non-superusers cannot set the superuser switch and see only the groups they
    may grant; the groups they may not grant stay as they are on save. One's own
    groups are read-only. Disabled fields ignore whatever is posted.
    """

    def __init__(self, *args, editor, **kwargs):
        super().__init__(*args, **kwargs)
        self.kept_groups = []
        if "groups" in self.fields:
            # Roles by their names (部门负责人), not their codes.
            self.fields["groups"].label_from_instance = group_label
        if not editor.is_superuser and "is_superuser" in self.fields:
            # Disabled rather than removed: Wagtail's add template always shows it.
            self._lock("is_superuser", SUPERUSERS_ONLY)
        if groups_editable_by(editor=editor, user=self.instance):
            self._limit_groups(groups_grantable_by(editor))
        else:
            self._lock("groups", OWN_GROUPS_LOCKED)

    def _lock(self, name, reason):
        self.fields[name].disabled = True
        self.fields[name].help_text = reason

    def _limit_groups(self, grantable):
        self.fields["groups"].queryset = grantable
        if self.instance.pk is not None:
            held = self.instance.groups.exclude(pk__in=grantable.values("pk"))
            self.kept_groups = list(held)
        if self.kept_groups:
            names = ", ".join(role_label(group.name) for group in self.kept_groups)
            self.fields["groups"].help_text = GROUPS_KEPT % {"groups": names}

    def clean_groups(self):
        return [*self.cleaned_data["groups"], *self.kept_groups]


class PortalUserCreationForm(GrantGuardMixin, UserCreationForm):
    pass


class PortalUserEditForm(GrantGuardMixin, UserEditForm):
    pass
