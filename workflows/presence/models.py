from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from registry.models import Site


class Presence(models.Model):
    """Where a phone said it was when someone claimed to be at a site (防作弊).

    Written by an arrival on a fault ticket, a site check-in or an inspection
    photo; each of those points to its row. The distance limit is the CMS
    deadline rules' ``presence_radius_m`` of revision ``rules_revision_id``.
    Without a location (consent refused, no signal, a site without
    coordinates) the row is kept, flagged ``unknown``: never refused.
    """

    class Purpose(models.TextChoices):
        ARRIVAL = "arrival", _("Arrival on a fault ticket")
        CHECK_IN = "check_in", _("Site check-in")
        INSPECTION = "inspection", _("Inspection photo")

    class Flag(models.TextChoices):
        WITHIN = "within", _("On site")
        FAR = "far", _("Too far from the site")
        UNKNOWN = "unknown", _("Location unknown")

    site = models.ForeignKey(
        Site, on_delete=models.PROTECT, related_name="+", verbose_name=_("site")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("by"),
    )
    purpose = models.CharField(_("purpose"), max_length=20, choices=Purpose.choices)
    at = models.DateTimeField(_("at"))
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    accuracy_m = models.PositiveIntegerField(_("accuracy (m)"), null=True, blank=True)
    distance_m = models.PositiveIntegerField(
        _("distance from the site (m)"), null=True, blank=True
    )
    limit_m = models.PositiveIntegerField(_("distance limit (m)"))
    flag = models.CharField(_("flag"), max_length=10, choices=Flag.choices)
    rules_revision_id = models.PositiveIntegerField(_("deadline rules revision"))

    class Meta:
        verbose_name = _("presence check")
        verbose_name_plural = _("presence checks")
        constraints = [
            models.CheckConstraint(
                condition=Q(flag="unknown", distance_m__isnull=True)
                | (~Q(flag="unknown") & Q(distance_m__isnull=False)),
                name="presence_flag_unknown_without_distance",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.site.code} {self.get_flag_display()}"

    @property
    def located(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    def as_record(self) -> dict:
        """What a transition records of the decision and the rule it used."""
        return {
            "topic": "deadlines",
            "revision_id": self.rules_revision_id,
            "presence_radius_m": self.limit_m,
            "distance_m": self.distance_m,
            "flag": self.flag,
        }
