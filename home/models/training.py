"""Training: pass mark, yearly hours and how sessions are rated and graded."""

from decimal import Decimal

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from home.validation import (
    MUST_BE_POSITIVE,
    PERCENT_OUT_OF_RANGE,
    WEIGHTS_NOT_100,
    check_bands,
    raise_if,
    require_percent,
    require_positive,
)

from .bands import GradeBand
from .base import RowsInlinePanel, RuleTopic


class SatisfactionCriterion(models.TextChoices):
    LECTURER = "lecturer", _("Lecturer")
    MATERIAL = "material", _("Material")
    ENVIRONMENT = "environment", _("Environment")
    ARRANGEMENT = "arrangement", _("Arrangement")


class TrainingGrade(models.TextChoices):
    A = "A", "A"
    B = "B", "B"
    C = "C", "C"
    D = "D", "D"


def _weight(label, default):
    return models.DecimalField(
        label,
        max_digits=5,
        decimal_places=2,
        default=Decimal(default),
        help_text=_("Share of the session's rating, in percent."),
    )


WEIGHT_FIELDS = {c: f"{c}_weight" for c in SatisfactionCriterion.values}


class TrainingRules(RuleTopic):
    """Who passes, how much training a year, and how a session is rated."""

    pass_mark = models.DecimalField(
        _("pass mark"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("80"),
        help_text=_("Lowest quiz score (0-100) that passes a module."),
    )
    yearly_hours = models.DecimalField(
        _("training hours per year"),
        max_digits=6,
        decimal_places=2,
        default=Decimal("10"),
        help_text=_("Hours of training each person must have every year."),
    )
    lecturer_weight = _weight(_("lecturer weight (%)"), "50")
    material_weight = _weight(_("material weight (%)"), "20")
    environment_weight = _weight(_("environment weight (%)"), "15")
    arrangement_weight = _weight(_("arrangement weight (%)"), "15")

    panels = [
        FieldRowPanel([FieldPanel("pass_mark"), FieldPanel("yearly_hours")]),
        MultiFieldPanel(
            [FieldPanel(name) for name in WEIGHT_FIELDS.values()],
            heading=_("Session rating weights"),
            help_text=_("The four weights must add up to 100."),
        ),
        RowsInlinePanel(
            "bands",
            heading=_("Session grades"),
            help_text=_(
                "Score ranges of the grades A-D; together they cover 0 to 100 "
                "without gaps or overlaps."
            ),
        ),
    ]
    row_checks = {"bands": "check_grade_bands"}
    row_keys = {"bands": ("grade",)}

    class Meta(RuleTopic.Meta):
        verbose_name = _("training rules")
        verbose_name_plural = _("training rules")
        constraints = [
            *RuleTopic.Meta.constraints,
            models.CheckConstraint(
                condition=Q(pass_mark__gte=0, pass_mark__lte=100),
                name="training_pass_mark_is_percent",
                violation_error_message=PERCENT_OUT_OF_RANGE,
            ),
            models.CheckConstraint(
                condition=Q(yearly_hours__gt=0),
                name="training_yearly_hours_positive",
                violation_error_message=MUST_BE_POSITIVE,
            ),
            models.CheckConstraint(
                condition=Q(
                    lecturer_weight=100
                    - F("material_weight")
                    - F("environment_weight")
                    - F("arrangement_weight")
                ),
                name="training_weights_sum_100",
                violation_error_message=WEIGHTS_NOT_100,
            ),
        ]

    def __str__(self) -> str:
        return str(_("Training"))

    def weights(self) -> dict[str, Decimal]:
        return {c: getattr(self, field) for c, field in WEIGHT_FIELDS.items()}

    def clean(self):
        errors = require_percent("pass_mark", self.pass_mark)
        errors |= require_positive("yearly_hours", self.yearly_hours)
        for field in WEIGHT_FIELDS.values():
            errors |= require_percent(field, getattr(self, field))
        # The weights' sum is checked by the training_weights_sum_100 constraint,
        # which full_clean() and the admin form validate with the same message.
        raise_if(errors)
        super().clean()

    def check_grade_bands(self, rows) -> None:
        check_bands(rows, grades=TrainingGrade.values, label=str)


class TrainingBand(GradeBand):
    topic = ParentalKey(TrainingRules, on_delete=models.CASCADE, related_name="bands")
    grade = models.CharField(_("grade"), max_length=2, choices=TrainingGrade.choices)

    class Meta(GradeBand.Meta):
        verbose_name = _("session grade")
        verbose_name_plural = _("session grades")
