"""Wagtail's user admin with the grant rules of ``portal.rules``.

Installed in place of ``wagtail.users`` (``apps.UsersConfig``); the bulk
actions are replaced in ``portal/wagtail_hooks.py``.
"""
