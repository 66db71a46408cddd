"""The monthly assessment (考核) of a contractor and the deduction lines it holds."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from home.models import AssessmentGrade, DeductionEvent
from registry.models import Company
from workflows.models import Request


def evidence_path(instance, filename: str) -> str:
    return f"assessment/evidence/{filename}"


class Assessment(Request):
    """One contractor company's score for one calendar month.

    Drafted at the month's end with the events the flows raised; the company's
    manager may object to lines within the CMS window of working days; the
    carrier decides each objection and finalises. ``score`` and ``grade`` are
    kept current as lines change (provisional until ``finalised_at``).
    """

    # The columns of its request export (workflows/exports.py), in order.
    export_fields = (
        "contractor",
        "month",
        "state",
        "score",
        "grade",
        "window_closes_at",
        "finalised_at",
    )

    class State(models.TextChoices):
        DRAFT = "draft", _("Open for objections")
        OBJECTED = "objected", _("Objections to decide")
        DECIDED = "decided", _("Ready to finalise")
        FINAL = "final", _("Final")

    contractor = models.ForeignKey(
        Company,
        on_delete=models.PROTECT,
        related_name="assessments",
        verbose_name=_("contractor"),
        help_text=_("The company assessed (the request's company)."),
    )
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.DRAFT
    )
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=2, default=100)
    grade = models.CharField(
        _("grade"), max_length=20, choices=AssessmentGrade.choices, blank=True
    )
    window_closes_at = models.DateTimeField(
        _("objections close"), null=True, blank=True
    )
    finalised_at = models.DateTimeField(_("finalised at"), null=True, blank=True)
    rules = models.JSONField(
        _("rule revisions used"),
        default=dict,
        blank=True,
        help_text=_("The assessment rule revision read when scored and finalised."),
    )

    class Meta:
        ordering = ["-month", "contractor__code"]
        verbose_name = _("monthly assessment")
        verbose_name_plural = _("monthly assessments")
        constraints = [
            models.UniqueConstraint(
                fields=["contractor", "month"], name="assessment_once_per_month"
            ),
            models.CheckConstraint(
                condition=Q(month__day=1), name="assessment_month_first_day"
            ),
        ]

    @property
    def is_final(self) -> bool:
        return self.state == self.State.FINAL


class AssessmentLine(models.Model):
    """One deduction: an event of the month, linked to the row it came from."""

    class Decision(models.TextChoices):
        UPHELD = "upheld", _("Uphold the objection (remove the deduction)")
        REJECTED = "rejected", _("Reject the objection (keep the deduction)")

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="lines"
    )
    event = models.CharField(_("event"), max_length=40, choices=DeductionEvent.choices)
    points = models.DecimalField(
        _("points"), max_digits=5, decimal_places=2, help_text=_("As last scored.")
    )
    occurred_at = models.DateTimeField(_("occurred at"))
    source_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, related_name="+"
    )
    source_id = models.PositiveBigIntegerField()
    source = GenericForeignKey("source_type", "source_id")
    collector = models.CharField(_("source"), max_length=40)
    # What tells apart two events of one source: a person's missing logs of two
    # days, a company's two missing reports (a missing thing has no row).
    source_key = models.CharField(_("source key"), max_length=80, blank=True)
    detail = models.JSONField(_("details"), default=dict, blank=True)
    objection = models.TextField(_("objection"), blank=True)
    objection_evidence = models.FileField(
        _("evidence"), upload_to=evidence_path, blank=True
    )
    objected_at = models.DateTimeField(_("objected at"), null=True, blank=True)
    objected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decision = models.CharField(
        _("decision"), max_length=10, choices=Decision.choices, blank=True
    )
    decision_comment = models.TextField(_("comment"), blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["occurred_at", "pk"]
        verbose_name = _("deduction line")
        verbose_name_plural = _("deduction lines")
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "assessment",
                    "event",
                    "source_type",
                    "source_id",
                    "source_key",
                ],
                name="assessment_line_once_per_source",
            ),
            models.CheckConstraint(
                condition=Q(decision="") | ~Q(objection=""),
                name="assessment_line_decision_needs_objection",
            ),
        ]

    @property
    def counted(self) -> bool:
        """An upheld objection removes the deduction."""
        return self.decision != self.Decision.UPHELD

    @property
    def open_objection(self) -> bool:
        return bool(self.objection) and not self.decision


class ManualDeduction(models.Model):
    """An event the carrier enters by hand (a written complaint), with evidence."""

    company = models.ForeignKey(
        Company, on_delete=models.PROTECT, related_name="+", verbose_name=_("company")
    )
    event = models.CharField(_("event"), max_length=40, choices=DeductionEvent.choices)
    occurred_at = models.DateTimeField(_("occurred at"))
    description = models.TextField(_("what happened"))
    description_en = models.TextField(_("what happened (English)"), blank=True)
    evidence = models.FileField(_("evidence"), upload_to=evidence_path)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("entered at"), auto_now_add=True)

    class Meta:
        ordering = ["-occurred_at", "-pk"]
        verbose_name = _("manual deduction")
        verbose_name_plural = _("manual deductions")

    def __str__(self) -> str:
        return f"{self.get_event_display()} {self.occurred_at:%Y-%m-%d}"

    @property
    def text(self) -> str:
        if self.description_en and (get_language() or "").startswith("en"):
            return self.description_en
        return self.description
