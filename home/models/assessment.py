"""The monthly assessment: points deducted per event and the grade bands."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey

from home.validation import (
    MUST_BE_POSITIVE,
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


class AssessmentGrade(models.TextChoices):
    EXCELLENT = "excellent", _("Excellent")
    GOOD = "good", _("Good")
    PASS = "pass", _("Pass")
    FAIL = "fail", _("Fail")


class AssessmentRules(RuleTopic):
    """A contractor starts each month at 100 points; events deduct from it."""

    panels = [
        RowsInlinePanel(
            "deductions",
            heading=_("Deductions"),
            help_text=_("Points deducted per event; each event exactly once."),
        ),
        RowsInlinePanel(
            "bands",
            heading=_("Grades"),
            help_text=_(
                "Score ranges of the grades; together they cover 0 to 100 "
                "without gaps or overlaps."
            ),
        ),
    ]
    row_checks = {"deductions": "check_deductions", "bands": "check_grade_bands"}
    row_keys = {"deductions": ("event",), "bands": ("grade",)}

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

    class Meta(RuleRow.Meta):
        verbose_name = _("deduction")
        verbose_name_plural = _("deductions")
        constraints = [
            models.CheckConstraint(
                condition=Q(points__gt=0),
                name="deduction_points_positive",
                violation_error_message=MUST_BE_POSITIVE,
            )
        ]

    def clean(self):
        raise_if(require_positive("points", self.points))


class AssessmentBand(GradeBand):
    topic = ParentalKey(AssessmentRules, on_delete=models.CASCADE, related_name="bands")
    grade = models.CharField(_("grade"), max_length=20, choices=AssessmentGrade.choices)

    class Meta(GradeBand.Meta):
        verbose_name = _("assessment grade")
        verbose_name_plural = _("assessment grades")
