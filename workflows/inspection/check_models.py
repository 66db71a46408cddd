"""The carrier's own checks of inspections: a monthly sample of completed
inspections to re-check, and the yearly spot check of a share of the sites.

Each draw happens once per company and period (a unique constraint), from a
seed stored on it, and records the CMS revision whose sample size it used.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from registry.models import Company, Site


class RecheckDraw(models.Model):
    """The month's random sample of a company's completed inspections."""

    company = models.ForeignKey(
        Company, on_delete=models.PROTECT, related_name="+", verbose_name=_("company")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(_("month"))
    seed = models.CharField(_("seed"), max_length=64)
    sample_size = models.PositiveSmallIntegerField(_("sample size"))
    rules_revision_id = models.PositiveIntegerField(_("rule revision"))
    drawn_at = models.DateTimeField(_("drawn at"), auto_now_add=True)

    class Meta:
        ordering = ["-year", "-month", "company__code"]
        verbose_name = _("re-check sample")
        verbose_name_plural = _("re-check samples")
        constraints = [
            models.UniqueConstraint(
                fields=["company", "year", "month"], name="inspection_one_draw_a_month"
            ),
            models.CheckConstraint(
                condition=Q(month__gte=1, month__lte=12),
                name="inspection_draw_month_1_to_12",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.company} {self.year}-{self.month:02d}"


class Recheck(models.Model):
    """One drawn inspection, re-checked by the carrier: passed or failed."""

    class Result(models.TextChoices):
        PASSED = "passed", _("Passed")
        FAILED = "failed", _("Failed")

    draw = models.ForeignKey(
        RecheckDraw, on_delete=models.CASCADE, related_name="rechecks"
    )
    execution = models.OneToOneField(
        "inspection.Execution", on_delete=models.PROTECT, related_name="recheck"
    )
    company = models.ForeignKey(
        Company, on_delete=models.PROTECT, related_name="+", verbose_name=_("company")
    )
    result = models.CharField(
        _("result"), max_length=10, choices=Result.choices, blank=True
    )
    note = models.TextField(_("note"), blank=True)
    photo = models.FileField(
        _("photo"), upload_to="documents/inspections/rechecks/%Y/%m/", blank=True
    )
    checked_at = models.DateTimeField(_("re-checked at"), null=True, blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )

    class Meta:
        ordering = ["execution__row__site__code", "pk"]
        verbose_name = _("re-check")
        verbose_name_plural = _("re-checks")
        constraints = [
            models.CheckConstraint(
                condition=~Q(result="failed") | ~Q(note=""),
                name="inspection_failed_recheck_has_note",
            )
        ]

    def __str__(self) -> str:
        return str(self.execution)


class SpotCheckDraw(models.Model):
    """The year's draw of ceil(percent × sites) of a company's sites."""

    company = models.ForeignKey(
        Company, on_delete=models.PROTECT, related_name="+", verbose_name=_("company")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    seed = models.CharField(_("seed"), max_length=64)
    percent = models.DecimalField(
        _("share of sites (%)"), max_digits=5, decimal_places=2
    )
    site_count = models.PositiveIntegerField(_("sites of the company"))
    rules_revision_id = models.PositiveIntegerField(_("rule revision"))
    drawn_at = models.DateTimeField(_("drawn at"), auto_now_add=True)

    class Meta:
        ordering = ["-year", "company__code"]
        verbose_name = _("yearly spot check")
        verbose_name_plural = _("yearly spot checks")
        constraints = [
            models.UniqueConstraint(
                fields=["company", "year"], name="inspection_one_spot_check_a_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.company} {self.year}"


class SpotCheck(models.Model):
    """One drawn site: outstanding until the carrier marks it done."""

    draw = models.ForeignKey(
        SpotCheckDraw, on_delete=models.CASCADE, related_name="sites"
    )
    site = models.ForeignKey(
        Site, on_delete=models.PROTECT, related_name="+", verbose_name=_("site")
    )
    note = models.TextField(_("note"), blank=True)
    done_at = models.DateTimeField(_("checked at"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )

    class Meta:
        ordering = ["site__code", "pk"]
        verbose_name = _("spot-checked site")
        verbose_name_plural = _("spot-checked sites")
        constraints = [
            models.UniqueConstraint(
                fields=["draw", "site"], name="inspection_spot_check_site_once"
            )
        ]

    def __str__(self) -> str:
        return self.site.code
