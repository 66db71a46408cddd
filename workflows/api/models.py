from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class IdempotentRequest(models.Model):
    """The first answer to a create sent with an ``Idempotency-Key``.

    A key belongs to its caller and to one operation (``scope``, the method
    and path); ``fingerprint`` hashes the validated body, so a retry with the
    same body is answered ``response`` again and another body is refused.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("caller"),
    )
    scope = models.CharField(_("operation"), max_length=200)
    key = models.CharField(_("idempotency key"), max_length=200)
    fingerprint = models.CharField(_("body fingerprint"), max_length=64)
    status = models.PositiveSmallIntegerField(_("status"), default=0)
    response = models.JSONField(_("response"), null=True, blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("idempotent request")
        verbose_name_plural = _("idempotent requests")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "scope", "key"], name="idempotency_key_once_per_caller"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.scope} {self.key}"
