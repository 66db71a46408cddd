"""The monthly assessment: points deducted per event and the grade bands."""

from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel

from home.validation import (
    MUST_BE_POSITIVE,
    SCORE_OUT_OF_RANGE,
    check_bands,
    check_unique_complete,
    raise_if,
    require_positive,
)

from .bands import GradeBand
from .base import RowsInlinePanel, RuleRow, RuleTopic


class DeductionEvent(models.TextChoices):
    OVERDUE_TICKET = "overdue_ticket", _("Overdue ticket")
    WRITTEN_COMPLAINT = "written_complaint", _("Written complaint")
    LATE_DOCUMENT = "late_document", _("Late or missing document")
    UNAUTHORISED_INTERRUPTION = (
        "unauthorised_interruption",
        _("Unauthorised operation that interrupts service"),
    )
    LATE_PART_RETURN = "late_part_return", _("Broken part sent for repair late")
    LATE_PLAN = "late_plan", _("Inspection plan submitted late")
    FAILED_RECHECK = "failed_recheck", _("Failed re-check")
    LATE_LOG = "late_log", _("Late work log")
    MISSING_LOG = "missing_log", _("Missing work log")
    LATE_REPORT = "late_report", _("Late report")
    MISSING_REPORT = "missing_report", _("Missing report")


class AssessmentGrade(models.TextChoices):
    EXCELLENT = "excellent", _("Excellent")
    GOOD = "good", _("Good")
    PASS = "pass", _("Pass")
    FAIL = "fail", _("Fail")


class AssessmentRules(RuleTopic):
    """A contractor starts each month at 100 points; events deduct from it."""

    objection_days = models.PositiveSmallIntegerField(
        _("objection window (working days)"),
        default=5,
        help_text=_(
            "Working days after a month's assessment is drafted in which the "
            "contractor may object to its lines."
        ),
    )

    panels = [
        FieldPanel("objection_days"),
        RowsInlinePanel(
            "deductions",
            heading=_("Deductions"),
            help_text=_(
                "Points deducted per event and the most one kind of event may "
                "take off in a month; each event exactly once."
            ),
        ),
        RowsInlinePanel(
            "bands",
            heading=_("Grades"),
            help_text=_(
                "Score ranges of the grades; together they cover 0 to 100 "
                "without gaps or overlaps."
            ),
        ),
        RowsInlinePanel(
            "payment_factors",
            heading=_("Payment factors"),
            help_text=_(
                "The quarterly fee is paid times the factor of the highest row "
                "whose average score the quarter's average reaches; one row "
                "must start at 0."
            ),
        ),
    ]
    row_checks = {
        "deductions": "check_deductions",
        "bands": "check_grade_bands",
        "payment_factors": "check_payment_factors",
    }
    row_keys = {
        "deductions": ("event",),
        "bands": ("grade",),
        "payment_factors": ("min_average",),
    }

    class Meta(RuleTopic.Meta):
        verbose_name = _("assessment rules")
        verbose_name_plural = _("assessment rules")

    def __str__(self) -> str:
        return str(_("Monthly assessment"))

    def check_deductions(self, rows) -> None:
        check_unique_complete(
            rows,
            key=lambda row: row.event,
            expected=DeductionEvent.values,
            label=lambda key: DeductionEvent(key).label,
        )

    def check_grade_bands(self, rows) -> None:
        check_bands(
            rows,
            grades=AssessmentGrade.values,
            label=lambda key: AssessmentGrade(key).label,
        )

    def check_payment_factors(self, rows) -> None:
        """Each average at most once, and one row from 0 so every score pays."""
        keys = {Decimal(row.min_average) for row in rows if row.min_average is not None}
        check_unique_complete(
            rows,
            key=lambda row: row.min_average,
            expected=sorted(keys | {Decimal(0)}),
            label=lambda key: f"{key:.2f}",
        )


class Deduction(RuleRow):
    topic = ParentalKey(
        AssessmentRules, on_delete=models.CASCADE, related_name="deductions"
    )
    event = models.CharField(_("event"), max_length=40, choices=DeductionEvent.choices)
    points = models.DecimalField(
        _("points deducted"),
        max_digits=5,
        decimal_places=2,
        help_text=_("Points taken off the month's score for each such event."),
    )
    cap = models.DecimalField(
        _("cap per month"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_(
            "The most points this kind of event takes off in one month; "
            "empty for no cap."
        ),
    )

    class Meta(RuleRow.Meta):
        verbose_name = _("deduction")
        verbose_name_plural = _("deductions")
        constraints = [
            models.CheckConstraint(
                condition=Q(points__gt=0),
                name="deduction_points_positive",
                violation_error_message=MUST_BE_POSITIVE,
            ),
            models.CheckConstraint(
                condition=Q(cap__isnull=True) | Q(cap__gt=0),
                name="deduction_cap_positive",
                violation_error_message=MUST_BE_POSITIVE,
            ),
        ]

    def clean(self):
        errors = require_positive("points", self.points)
        if self.cap is not None:
            errors |= require_positive("cap", self.cap)
        raise_if(errors)


class AssessmentBand(GradeBand):
    topic = ParentalKey(AssessmentRules, on_delete=models.CASCADE, related_name="bands")
    grade = models.CharField(_("grade"), max_length=20, choices=AssessmentGrade.choices)

    class Meta(GradeBand.Meta):
        verbose_name = _("assessment grade")
        verbose_name_plural = _("assessment grades")


class PaymentFactor(RuleRow):
    """From this average monthly score up, the quarter's fee is paid × factor."""

    topic = ParentalKey(
        AssessmentRules, on_delete=models.CASCADE, related_name="payment_factors"
    )
    min_average = models.DecimalField(
        _("from average score"),
        max_digits=5,
        decimal_places=2,
        help_text=_("Lowest average monthly score (0-100) this factor applies to."),
    )
    factor = models.DecimalField(
        _("payment factor"),
        max_digits=4,
        decimal_places=3,
        help_text=_("The quarterly fee is multiplied by this (1.000 = in full)."),
    )

    class Meta(RuleRow.Meta):
        verbose_name = _("payment factor")
        verbose_name_plural = _("payment factors")
        constraints = [
            models.CheckConstraint(
                condition=Q(min_average__gte=0, min_average__lte=100),
                name="payment_factor_average_in_range",
                violation_error_message=SCORE_OUT_OF_RANGE,
            ),
            models.CheckConstraint(
                condition=Q(factor__gte=0),
                name="payment_factor_not_negative",
            ),
        ]

    def clean(self):
        if self.min_average is not None and not 0 <= self.min_average <= 100:
            raise_if({"min_average": [SCORE_OUT_OF_RANGE]})
