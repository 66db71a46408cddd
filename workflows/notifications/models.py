"""What was said to whom, how it is being delivered, and who wants what.

A ``Notice`` is one event as said once (its message key and parameters, the
company whose data it is); each recipient gets a ``Notification`` (the
in-portal list, read or unread); every mail or webhook post is a
``Delivery`` with its attempts and next try.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from registry.models import Company

from .events import EVENT_CHOICES
from .webhooks import Webhook

__all__ = ["Delivery", "Notice", "Notification", "Preference", "Webhook"]


class Notice(models.Model):
    event = models.CharField(_("event"), max_length=40, choices=EVENT_CHOICES)
    message_key = models.CharField(max_length=80)
    params = models.JSONField(default=dict, blank=True)
    link = models.CharField(_("link"), max_length=300, blank=True)
    company = models.ForeignKey(
        Company,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The company whose data this is; empty: the carrier's own."),
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")

    def as_note(self) -> dict:
        return {"key": self.message_key, "params": self.params}


class Notification(models.Model):
    notice = models.ForeignKey(
        Notice, on_delete=models.CASCADE, related_name="notifications"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["notice", "user"], name="notification_once_per_user"
            )
        ]
        indexes = [models.Index(fields=["user", "read_at"], name="notification_unread")]


class Delivery(models.Model):
    """One mail to one recipient, or one post to one webhook, until sent or given up."""

    class Channel(models.TextChoices):
        EMAIL = "email", _("Email")
        WEBHOOK = "webhook", _("Group webhook")

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        SKIPPED = "skipped", _("Skipped")

    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="+")
    channel = models.CharField(max_length=10, choices=Channel.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    webhook = models.ForeignKey(
        Webhook, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    last_error = models.TextField(blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(channel="email", user__isnull=False, webhook__isnull=True)
                    | Q(channel="webhook", user__isnull=True, webhook__isnull=False)
                ),
                name="delivery_has_its_target",
            ),
            models.UniqueConstraint(
                fields=["notice", "channel", "user"],
                condition=Q(user__isnull=False),
                name="delivery_once_per_user",
            ),
            models.UniqueConstraint(
                fields=["notice", "webhook"],
                condition=Q(webhook__isnull=False),
                name="delivery_once_per_webhook",
            ),
        ]


class Preference(models.Model):
    """A user's choice for one kind of event (in-portal is always on)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    event = models.CharField(_("event"), max_length=40, choices=EVENT_CHOICES)
    email = models.BooleanField(_("by email"))

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "event"], name="preference_once_per_event"
            )
        ]
