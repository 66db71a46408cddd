"""Replaces Wagtail's user bulk actions (same action type, registered later)."""

from wagtail import hooks

from .user_admin.bulk_actions import AssignRoleBulkAction, SetActiveStateBulkAction

for action_class in (AssignRoleBulkAction, SetActiveStateBulkAction):
    hooks.register("register_bulk_action", action_class, order=100)
