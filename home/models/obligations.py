"""Obligations (时限): when daily work logs are due, their entry classes, and
the due rules of the regular reports."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from home.validation import DUPLICATE_ROW, check_unique_complete
from registry.models import StaffMember

from .base import RowsInlinePanel, RuleRow, RuleTopic

NO_LOG_CLASSES = _("Add at least one class of log entry.")


class ReportKind(models.TextChoices):
    WEEKLY_SUMMARY = "weekly_summary", _("Weekly summary")
    MONTHLY_INSPECTION = "monthly_inspection", _("Monthly inspection summary")
    MONTHLY_FAULTS = "monthly_faults", _("Monthly fault report")
    MONTHLY_WORK = "monthly_work", _("Monthly work summary")
    NEXT_MONTH_PLAN = "next_month_plan", _("Next month's plan")
    QUARTERLY_SUMMARY = "quarterly_summary", _("Quarterly summary")
    ANNUAL_SUMMARY = "annual_summary", _("Annual summary")


class ReportPeriod(models.TextChoices):
    WEEK = "week", _("Week")
    MONTH = "month", _("Month")
    QUARTER = "quarter", _("Quarter")
    YEAR = "year", _("Year")


class DayCount(models.TextChoices):
    CALENDAR_DAYS = "calendar_days", _("calendar days")
    WORKING_DAYS = "working_days", _("working days")


class ObligationRules(RuleTopic):
    """Work logs: who files by when, and the classes of entry; report due days."""

    logs_on_working_days = models.BooleanField(
        _("logs due on working days only"),
        default=True,
        help_text=_(
            "When ticked, no log is due on a day off of the working calendar; "
            "otherwise a log is due every day."
        ),
    )
    escalation_group = models.ForeignKey(
        "auth.Group",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("urgent entries go to"),
        help_text=_(
            "The carrier's group told at once of an urgent log entry, beside "
            "the company's own managers."
        ),
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("logs_on_working_days"), FieldPanel("escalation_group")],
            heading=_("Work logs"),
        ),
        RowsInlinePanel(
            "log_due_times",
            heading=_("Log due times"),
            help_text=_("By when each position files the day's log."),
        ),
        RowsInlinePanel(
            "log_classes",
            heading=_("Classes of log entry"),
            help_text=_("From A (routine) to G (major or urgent)."),
        ),
        RowsInlinePanel(
            "report_rules",
            heading=_("Report due days"),
            help_text=_("One row per report: due so many days after its period."),
        ),
    ]
    row_checks = {
        "log_due_times": "check_due_times",
        "log_classes": "check_classes",
        "report_rules": "check_reports",
    }
    row_keys = {
        "log_due_times": ("position",),
        "log_classes": ("code",),
        "report_rules": ("kind",),
    }

    class Meta(RuleTopic.Meta):
        verbose_name = _("obligation rules")
        verbose_name_plural = _("obligation rules")

    def __str__(self) -> str:
        return str(_("Work logs and reports"))

    def check_due_times(self, rows) -> None:
        check_unique_complete(
            rows,
            key=lambda row: row.position,
            expected=StaffMember.Position.values,
            label=lambda key: StaffMember.Position(key).label,
        )

    def check_classes(self, rows) -> None:
        if not rows:
            raise ValidationError(NO_LOG_CLASSES)
        codes = [row.code for row in rows]
        for code in codes:
            if codes.count(code) > 1:
                raise ValidationError(DUPLICATE_ROW, params={"row": code})

    def check_reports(self, rows) -> None:
        check_unique_complete(
            rows,
            key=lambda row: row.kind,
            expected=ReportKind.values,
            label=lambda key: ReportKind(key).label,
        )


class LogDueTime(RuleRow):
    topic = ParentalKey(
        ObligationRules, on_delete=models.CASCADE, related_name="log_due_times"
    )
    position = models.CharField(
        _("position"), max_length=20, choices=StaffMember.Position.choices
    )
    due_time = models.TimeField(
        _("due by"), help_text=_("Local time (China) by which the log is filed.")
    )

    class Meta(RuleRow.Meta):
        verbose_name = _("log due time")
        verbose_name_plural = _("log due times")


class LogClass(RuleRow):
    topic = ParentalKey(
        ObligationRules, on_delete=models.CASCADE, related_name="log_classes"
    )
    code = models.CharField(_("class"), max_length=2, help_text=_("A letter: A … G."))
    name_zh = models.CharField(_("name (Chinese)"), max_length=60)
    name_en = models.CharField(_("name (English)"), max_length=60, blank=True)
    urgent = models.BooleanField(
        _("urgent"),
        default=False,
        help_text=_("An entry of this class is escalated at once."),
    )

    class Meta(RuleRow.Meta):
        verbose_name = _("class of log entry")
        verbose_name_plural = _("classes of log entry")


class ReportRule(RuleRow):
    topic = ParentalKey(
        ObligationRules, on_delete=models.CASCADE, related_name="report_rules"
    )
    kind = models.CharField(_("report"), max_length=30, choices=ReportKind.choices)
    period = models.CharField(_("period"), max_length=10, choices=ReportPeriod.choices)
    offset = models.PositiveSmallIntegerField(
        _("due after"),
        help_text=_("Days after the period ends by which the report is due."),
    )
    unit = models.CharField(
        _("counted in"),
        max_length=20,
        choices=DayCount.choices,
        default=DayCount.CALENDAR_DAYS,
        help_text=_("Working days follow the working calendar."),
    )

    class Meta(RuleRow.Meta):
        verbose_name = _("report due rule")
        verbose_name_plural = _("report due rules")
        constraints = [
            models.CheckConstraint(
                condition=Q(offset__gte=0), name="report_rule_offset_not_negative"
            )
        ]
