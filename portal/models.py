"""The portal's own models: a person's name in English.

A Chinese name is kept as Django keeps names (``User.first_name`` holds the
whole name, family name first, ``last_name`` empty); its pinyin, for English
readers, is kept here, one row per user who has one. Apps' post_migrate also
depends on this module existing.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class EnglishName(models.Model):
    """How a user's name is written for an English reader (pinyin)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="english_name",
        verbose_name=_("user"),
    )
    name = models.CharField(
        _("name (English)"),
        max_length=150,
        help_text=_("The name in pinyin, as an English reader sees it."),
    )

    class Meta:
        verbose_name = _("English name")
        verbose_name_plural = _("English names")

    def __str__(self) -> str:
        return self.name
