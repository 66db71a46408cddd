"""Grade bands: a grade for the scores from ``min_score`` to ``max_score``."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from home.validation import BAND_MIN_ABOVE_MAX, SCORE_OUT_OF_RANGE, check_band_row

from .base import RuleRow


class GradeBand(RuleRow):
    """A band of whole scores; a fractional score belongs to the lower band."""

    min_score = models.PositiveSmallIntegerField(
        _("from score"), help_text=_("Lowest score of this grade (0-100).")
    )
    max_score = models.PositiveSmallIntegerField(
        _("to score"), help_text=_("Highest score of this grade (0-100).")
    )

    class Meta(RuleRow.Meta):
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=Q(min_score__lte=F("max_score")),
                name="%(app_label)s_%(class)s_min_not_above_max",
                violation_error_message=BAND_MIN_ABOVE_MAX,
            ),
            models.CheckConstraint(
                condition=Q(max_score__lte=100),
                name="%(app_label)s_%(class)s_max_within_100",
                violation_error_message=SCORE_OUT_OF_RANGE,
            ),
        ]

    def clean(self):
        check_band_row(self)
