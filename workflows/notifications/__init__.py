"""Notifications beyond the open page: an in-portal list, email and group webhooks.

Producers call ``services.notification_send`` in (or after) their transaction;
it writes after commit, so a rolled-back transition tells no one. Email and
webhooks go out from the ``notifications`` task backend's worker, retried
with backoff; a failed delivery never blocks the transition that caused it.
"""
