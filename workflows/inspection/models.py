"""Inspections (巡检): a quarter's plan, its inspections carried out, their findings."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from registry.models import Company, Region, Site
from workflows.models import Request


class InspectionPlan(Request):
    """A contractor company's inspections of one region for one quarter.

    Filed by the company's manager, approved or returned by the carrier's
    maintenance managers; a returned plan is revised and resubmitted. ``late``
    is decided when it is first submitted, from the CMS deadline rules.
    """

    # The columns of its request export (workflows/exports.py), in order.
    export_fields = (
        "region",
        "year",
        "quarter",
        "due_on",
        "late",
        "decision",
    )

    class Decision(models.TextChoices):
        APPROVED = "approved", _("Approve")
        RETURNED = "returned", _("Return for changes")

    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="+", verbose_name=_("region")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(
        _("quarter"), choices=[(q, str(q)) for q in (1, 2, 3, 4)]
    )
    due_on = models.DateField(_("plan due on"), null=True, blank=True)
    late = models.BooleanField(_("submitted late"), default=False)
    decision = models.CharField(
        _("decision"), max_length=10, choices=Decision.choices, blank=True
    )

    class Meta:
        verbose_name = _("inspection plan")
        verbose_name_plural = _("inspection plans")
        constraints = [
            models.CheckConstraint(
                condition=Q(quarter__gte=1, quarter__lte=4),
                name="inspection_plan_quarter_1_to_4",
            )
        ]

    @property
    def approved(self) -> bool:
        return self.decision == self.Decision.APPROVED


class PlanRow(models.Model):
    """One planned inspection: a site, a checklist and a month of the quarter."""

    plan = models.ForeignKey(
        InspectionPlan, on_delete=models.CASCADE, related_name="rows"
    )
    site = models.ForeignKey(
        Site, on_delete=models.PROTECT, related_name="+", verbose_name=_("site")
    )
    template = models.ForeignKey(
        "home.ChecklistTemplate",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("checklist"),
    )
    month = models.PositiveSmallIntegerField(_("month"))

    class Meta:
        ordering = ["month", "site__code", "pk"]
        verbose_name = _("planned inspection")
        verbose_name_plural = _("planned inspections")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "site", "template", "month"],
                name="inspection_row_once_per_plan",
            ),
            models.CheckConstraint(
                condition=Q(month__gte=1, month__lte=12),
                name="inspection_row_month_1_to_12",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.site.code} {self.month}"


class Execution(models.Model):
    """An inspection carried out against one planned row, item by item.

    Made by the first answer saved; the checklist's revision of that moment is
    recorded, and the answers are checked against it. ``submitted_at`` is set
    once every required item is answered.
    """

    row = models.OneToOneField(
        PlanRow, on_delete=models.CASCADE, related_name="execution"
    )
    company = models.ForeignKey(
        Company, on_delete=models.PROTECT, related_name="+", verbose_name=_("company")
    )
    engineer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("engineer"),
    )
    template_revision_id = models.PositiveIntegerField(_("checklist revision"))
    started_at = models.DateTimeField(_("started at"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")

    def __str__(self) -> str:
        return str(self.row)


class Answer(models.Model):
    """The answer to one checklist item, saved on its own."""

    execution = models.ForeignKey(
        Execution, on_delete=models.CASCADE, related_name="answers"
    )
    item_key = models.SlugField(_("item"), max_length=60)
    number = models.DecimalField(
        _("reading"), max_digits=10, decimal_places=3, null=True, blank=True
    )
    yes = models.BooleanField(_("yes"), null=True, blank=True)
    text = models.TextField(_("text"), blank=True)
    photo = models.FileField(
        _("photo"), upload_to="documents/inspections/%Y/%m/", blank=True
    )
    photo_original = models.FileField(
        _("photo as taken"),
        upload_to="documents/inspections/%Y/%m/",
        blank=True,
        help_text=_("The upload before its watermark (time, site, position)."),
    )
    presence = models.ForeignKey(
        "presence.Presence",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("where the photo was taken"),
    )
    saved_at = models.DateTimeField(_("saved at"), auto_now=True)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(
                fields=["execution", "item_key"], name="inspection_answer_once"
            )
        ]

    def __str__(self) -> str:
        return self.item_key


class Finding(models.Model):
    """A defect found on an inspection: a reading outside its limits, or noted by hand.

    Followed up as rectified on the spot (a note and a photo), scheduled for a
    date (overdue after it), or handed to a fault ticket opened from it; it
    stays open until it is rectified.
    """

    class Source(models.TextChoices):
        READING = "reading", _("Reading out of range")
        MANUAL = "manual", _("Noted by the engineer")
        ANSWER = "answer", _("Answer that is a finding")

    class FollowUp(models.TextChoices):
        RECTIFIED = "rectified", _("Rectified on the spot")
        SCHEDULED = "scheduled", _("Scheduled")
        TICKET = "ticket", _("Fault ticket opened")

    execution = models.ForeignKey(
        Execution, on_delete=models.CASCADE, related_name="findings"
    )
    company = models.ForeignKey(
        Company, on_delete=models.PROTECT, related_name="+", verbose_name=_("company")
    )
    site = models.ForeignKey(
        Site, on_delete=models.PROTECT, related_name="+", verbose_name=_("site")
    )
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    item_key = models.SlugField(_("item"), max_length=60, blank=True)
    description = models.TextField(_("description"))
    description_en = models.TextField(
        _("description (English)"),
        blank=True,
        help_text=_("A reading's finding is written in both languages."),
    )
    reading = models.DecimalField(
        _("reading"), max_digits=10, decimal_places=3, null=True, blank=True
    )
    follow_up = models.CharField(
        _("follow-up"), max_length=10, choices=FollowUp.choices, blank=True
    )
    note = models.TextField(_("follow-up note"), blank=True)
    due_date = models.DateField(_("to be rectified by"), null=True, blank=True)
    photo = models.FileField(
        _("photo of the rectification"),
        upload_to="documents/inspections/findings/%Y/%m/",
        blank=True,
    )
    fault_ticket = models.ForeignKey(
        "faults.FaultTicket",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="inspection_findings",
        verbose_name=_("fault ticket"),
    )
    created_at = models.DateTimeField(_("found at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    resolved_at = models.DateTimeField(_("rectified at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        constraints = [
            models.UniqueConstraint(
                fields=["execution", "item_key"],
                condition=Q(source__in=["reading", "answer"]),
                name="inspection_one_answer_finding_per_item",
            ),
            models.CheckConstraint(
                condition=~Q(follow_up="scheduled") | Q(due_date__isnull=False),
                name="inspection_scheduled_finding_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.description[:60]

    @property
    def text(self) -> str:
        """The description in the reader's language: Chinese unless English."""
        if self.description_en and (get_language() or "").startswith("en"):
            return self.description_en
        return self.description

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None

    def overdue_on(self, today) -> bool:
        """A scheduled rectification not done by its date is overdue the day after."""
        return (
            self.is_open
            and self.follow_up == self.FollowUp.SCHEDULED
            and self.due_date is not None
            and today > self.due_date
        )


from .check_models import Recheck, RecheckDraw, SpotCheck, SpotCheckDraw  # noqa: E402

__all__ = [
    "Answer",
    "Execution",
    "Finding",
    "InspectionPlan",
    "PlanRow",
    "Recheck",
    "RecheckDraw",
    "SpotCheck",
    "SpotCheckDraw",
]
