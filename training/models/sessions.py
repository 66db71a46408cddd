"""Classroom sessions and how their attendees rated them."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from home.text import localized
from registry.models import StaffMember

from .pages import TrainingModulePage

CRITERIA = ("lecturer", "material", "environment", "arrangement")


class ClassroomSession(models.Model):
    """A training held in a room: its hours count toward each attendee's year."""

    title = models.CharField(_("title (Chinese)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    held_on = models.DateField(_("date"))
    lecturer = models.CharField(_("lecturer"), max_length=60)
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=2)
    module = models.ForeignKey(
        TrainingModulePage,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("module taught"),
    )
    attendees = models.ManyToManyField(
        StaffMember, related_name="classroom_sessions", verbose_name=_("attendees")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("classroom session")
        verbose_name_plural = _("classroom sessions")
        constraints = [
            models.CheckConstraint(
                condition=Q(hours__gt=0), name="training_session_hours_positive"
            )
        ]

    def __str__(self) -> str:
        return self.localized_title

    @property
    def localized_title(self) -> str:
        return localized(self.title, self.title_en)


def _score(label):
    return models.PositiveSmallIntegerField(
        label, validators=[MaxValueValidator(100)], help_text=_("0 to 100.")
    )


class SessionRating(models.Model):
    """One attendee's rating of a session, per criterion, 0-100."""

    session = models.ForeignKey(
        ClassroomSession, on_delete=models.CASCADE, related_name="ratings"
    )
    person = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="+")
    lecturer = _score(_("Lecturer"))
    material = _score(_("Material"))
    environment = _score(_("Environment"))
    arrangement = _score(_("Arrangement"))
    rated_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["session", "person"], name="training_rate_once"
            ),
            models.CheckConstraint(
                condition=Q(
                    lecturer__lte=100,
                    material__lte=100,
                    environment__lte=100,
                    arrangement__lte=100,
                ),
                name="training_rating_at_most_100",
            ),
        ]

    def values(self) -> dict[str, Decimal]:
        return {name: Decimal(getattr(self, name)) for name in CRITERIA}
