"""Time limits of the contractor's obligations and the reports' due days."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from home.validation import (
    MONTH_DAY_OUT_OF_RANGE,
    MUST_BE_POSITIVE,
    PERCENT_OUT_OF_RANGE,
    check_unique_complete,
    raise_if,
    require_percent,
    require_positive,
)

from .base import RowsInlinePanel, RuleRow, RuleTopic


class Obligation(models.TextChoices):
    UPGRADE_CONFIRMATION = "upgrade_confirmation", _("Confirm an upgrade request")
    UPGRADE_APPLICATION = "upgrade_application", _("Submit an upgrade application")
    BROKEN_PART_RETURN = "broken_part_return", _("Send a broken part for repair")
    OVERDUE_ANALYSIS = "overdue_analysis", _("Analyse an overdue ticket")
    FAULT_REPORT = "fault_report", _("Report on a restored fault")
    # The carrier's and the contractor's own steps of the portal's flows.
    STAFF_CHANGE_REVIEW = "staff_change_review", _("Review a staff change")
    STAFF_CHANGE_EXCEPTION = (
        "staff_change_exception",
        _("Decide on a staff change above the cap"),
    )
    LEAVE_COMPANY_APPROVAL = "leave_company_approval", _("Approve leave (company)")
    LEAVE_CARRIER_APPROVAL = "leave_carrier_approval", _("Approve leave (carrier)")
    TEMP_LEAD_ACKNOWLEDGEMENT = (
        "temp_lead_acknowledgement",
        _("Acknowledge a temporary lead"),
    )
    POSITION_COMPANY_APPROVAL = (
        "position_company_approval",
        _("Approve a position change (company)"),
    )
    POSITION_CARRIER_APPROVAL = (
        "position_carrier_approval",
        _("Approve a position change (carrier)"),
    )
    INSPECTION_PLAN_APPROVAL = (
        "inspection_plan_approval",
        _("Approve an inspection plan"),
    )
    INSPECTION_PLAN_REVISION = (
        "inspection_plan_revision",
        _("Resubmit a returned inspection plan"),
    )


class DeadlineUnit(models.TextChoices):
    WORKING_DAYS = "working_days", _("working days")
    HOURS = "hours", _("hours")


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class DeadlineRules(RuleTopic):
    """How long each obligation may take, and when the regular reports are due."""

    weekly_report_weekday = models.PositiveSmallIntegerField(
        _("weekly summary due on"),
        choices=Weekday.choices,
        default=Weekday.MONDAY,
        help_text=_("Weekday on which last week's summary is due."),
    )
    monthly_report_day = models.PositiveSmallIntegerField(
        _("monthly reports due by day"),
        default=3,
        help_text=_(
            "Day of the month by which last month's inspection summary, fault "
            "report, work summary and next month's plan are due (1-28)."
        ),
    )
    inspection_plan_days_before_quarter = models.PositiveSmallIntegerField(
        _("inspection plan due (days before the quarter)"),
        default=10,
        help_text=_("Calendar days before a quarter starts that its plan is due."),
    )
    recheck_sample_size = models.PositiveSmallIntegerField(
        _("carrier re-checks per company and month"),
        default=3,
        help_text=_(
            "How many of a company's inspections completed in a month the portal "
            "draws at random for the carrier to re-check (all of them if fewer)."
        ),
    )
    spot_check_percent = models.DecimalField(
        _("yearly spot check (% of sites)"),
        max_digits=5,
        decimal_places=2,
        default=2,
        help_text=_(
            "Share of a company's sites the carrier checks itself each year, "
            "rounded up to a whole site."
        ),
    )

    presence_radius_m = models.PositiveIntegerField(
        _("on-site distance limit (m)"),
        default=500,
        help_text=_(
            "An arrival, site check-in or inspection photo whose phone location "
            "is farther than this from the site's coordinates is flagged."
        ),
    )

    panels = [
        RowsInlinePanel(
            "deadlines",
            heading=_("Time limits"),
            help_text=_("One row per obligation; each obligation exactly once."),
        ),
        MultiFieldPanel(
            [
                FieldPanel("weekly_report_weekday"),
                FieldPanel("monthly_report_day"),
                FieldPanel("inspection_plan_days_before_quarter"),
            ],
            heading=_("Reports"),
        ),
        MultiFieldPanel(
            [FieldPanel("recheck_sample_size"), FieldPanel("spot_check_percent")],
            heading=_("Carrier checks of inspections"),
        ),
        FieldPanel("presence_radius_m"),
    ]
    row_checks = {"deadlines": "check_deadlines"}
    row_keys = {"deadlines": ("obligation",)}

    class Meta(RuleTopic.Meta):
        verbose_name = _("deadline rules")
        verbose_name_plural = _("deadline rules")
        constraints = [
            *RuleTopic.Meta.constraints,
            models.CheckConstraint(
                condition=Q(monthly_report_day__gte=1, monthly_report_day__lte=28),
                name="deadline_monthly_report_day_in_month",
                violation_error_message=MONTH_DAY_OUT_OF_RANGE,
            ),
            models.CheckConstraint(
                condition=Q(inspection_plan_days_before_quarter__gt=0),
                name="deadline_inspection_plan_days_positive",
                violation_error_message=MUST_BE_POSITIVE,
            ),
            models.CheckConstraint(
                condition=Q(presence_radius_m__gt=0),
                name="deadline_presence_radius_positive",
                violation_error_message=MUST_BE_POSITIVE,
            ),
            models.CheckConstraint(
                condition=Q(spot_check_percent__gt=0, spot_check_percent__lte=100),
                name="deadline_spot_check_percent_in_range",
                violation_error_message=PERCENT_OUT_OF_RANGE,
            ),
        ]

    def __str__(self) -> str:
        return str(_("Deadlines and reports"))

    def clean(self):
        errors = require_positive(
            "inspection_plan_days_before_quarter",
            self.inspection_plan_days_before_quarter,
        )
        errors |= require_positive("spot_check_percent", self.spot_check_percent)
        errors |= require_positive("presence_radius_m", self.presence_radius_m)
        errors |= require_percent("spot_check_percent", self.spot_check_percent)
        day = self.monthly_report_day
        if day is not None and not 1 <= day <= 28:
            errors["monthly_report_day"] = MONTH_DAY_OUT_OF_RANGE
        raise_if(errors)
        super().clean()

    def check_deadlines(self, rows) -> None:
        check_unique_complete(
            rows,
            key=lambda row: row.obligation,
            expected=Obligation.values,
            label=lambda key: Obligation(key).label,
        )


class ObligationDeadline(RuleRow):
    topic = ParentalKey(
        DeadlineRules, on_delete=models.CASCADE, related_name="deadlines"
    )
    obligation = models.CharField(
        _("obligation"), max_length=40, choices=Obligation.choices
    )
    amount = models.PositiveSmallIntegerField(
        _("time limit"), help_text=_("How many units the obligation may take.")
    )
    unit = models.CharField(
        _("unit"),
        max_length=20,
        choices=DeadlineUnit.choices,
        default=DeadlineUnit.WORKING_DAYS,
        help_text=_(
            "Working days follow the working calendar; hours run around the clock."
        ),
    )

    class Meta(RuleRow.Meta):
        verbose_name = _("time limit")
        verbose_name_plural = _("time limits")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0),
                name="deadline_amount_positive",
                violation_error_message=MUST_BE_POSITIVE,
            )
        ]

    def clean(self):
        raise_if(require_positive("amount", self.amount))
