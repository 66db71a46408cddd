"""Obligations (时限): daily work logs and the regular reports.

A ``WorkLog`` is one person's log of one day, its due time fixed when it is
filed (from the CMS rules, whose revision it records); entries carry the class
they were filed under, its names kept as filed. An ``ObligationReport`` is a request
(multi-table, like every flow's process) for one report kind and period.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from home.models.obligations import ReportKind
from registry.models import Company, StaffMember
from workflows.models import Request


class WorkLog(models.Model):
    """工作日志: what one person did on one day."""

    company = models.ForeignKey(
        Company, on_delete=models.PROTECT, related_name="+", verbose_name=_("company")
    )
    person = models.ForeignKey(
        StaffMember,
        on_delete=models.PROTECT,
        related_name="work_logs",
        verbose_name=_("staff member"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("filed by"),
    )
    day = models.DateField(_("day"))
    position = models.CharField(
        _("position"), max_length=20, choices=StaffMember.Position.choices
    )
    due_at = models.DateTimeField(
        _("due by"), null=True, blank=True, help_text=_("Empty on a day off.")
    )
    filed_at = models.DateTimeField(_("filed at"))
    late = models.BooleanField(_("filed late"), default=False)
    rules = models.JSONField(_("rule values used"), default=dict, blank=True)

    class Meta:
        ordering = ["-day", "person__name"]
        verbose_name = _("work log")
        verbose_name_plural = _("work logs")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "day"], name="work_log_once_per_person_and_day"
            ),
            models.CheckConstraint(
                condition=Q(late=False) | Q(due_at__isnull=False),
                name="work_log_late_only_when_due",
            ),
        ]
        indexes = [
            # The dashboards count a year of logs per company, on time or
            # late, from this index alone (no row read).
            models.Index(
                fields=["company", "day", "due_at", "late"], name="work_log_company_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person_id} {self.day}"


class LogEntry(models.Model):
    """One item of a log, classed A (routine) … G (major or urgent)."""

    log = models.ForeignKey(WorkLog, on_delete=models.CASCADE, related_name="entries")
    code = models.CharField(_("class"), max_length=2)
    class_name_zh = models.CharField(_("class name (Chinese)"), max_length=60)
    class_name_en = models.CharField(
        _("class name (English)"), max_length=60, blank=True
    )
    urgent = models.BooleanField(_("urgent"), default=False)
    text = models.TextField(_("what happened"))
    created_at = models.DateTimeField(_("filed at"))

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("log entry")
        verbose_name_plural = _("log entries")

    def __str__(self) -> str:
        return f"{self.code} {self.text[:30]}"

    @property
    def class_name(self) -> str:
        if self.class_name_en and (get_language() or "").startswith("en"):
            return self.class_name_en
        return self.class_name_zh


class ObligationReport(Request):
    """A regular report of a contractor for one period, reviewed by the carrier.

    ``due_on`` and ``late`` are decided when it is first filed, from the CMS
    report rules; a returned report is refiled and keeps them.
    """

    # The columns of its request export (workflows/exports.py), in order.
    export_fields = (
        "kind",
        "period_start",
        "period_end",
        "due_on",
        "first_filed_at",
        "late",
        "decision",
    )

    class Decision(models.TextChoices):
        ACCEPTED = "accepted", _("Accept the report")
        RETURNED = "returned", _("Return for changes")

    kind = models.CharField(_("report"), max_length=30, choices=ReportKind.choices)
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    due_on = models.DateField(_("due on"), null=True, blank=True)
    first_filed_at = models.DateTimeField(_("first filed at"), null=True, blank=True)
    late = models.BooleanField(_("filed late"), default=False)
    decision = models.CharField(
        _("decision"), max_length=10, choices=Decision.choices, blank=True
    )

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        indexes = [
            models.Index(fields=["kind", "period_start"]),
            # The reports due in a period (the dashboards): without it the
            # count read every request of the companies to find the reports.
            models.Index(fields=["due_on", "late"], name="obligation_report_due"),
        ]

    @property
    def accepted(self) -> bool:
        return self.decision == self.Decision.ACCEPTED
