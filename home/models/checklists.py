"""Checklist templates that inspections and pre-work checks are filled against."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.coreutils import safe_snake_case

from home.validation import (
    CHECKLIST_EMPTY,
    DUPLICATE_ROW,
    NUMBER_ONLY_FIELDS,
    NUMBER_RANGE_INVERTED,
    YES_NO_ONLY_FIELD,
)
from registry.models import Site

from .base import RevisionedCluster, RowsInlinePanel, RuleRow


def _in_language(zh: str, en: str) -> str:
    return en if (get_language() or "").startswith("en") and en else zh


class ChecklistTemplate(RevisionedCluster):
    """An ordered list of checks for one kind of site."""

    code = models.SlugField(
        _("code"),
        max_length=60,
        unique=True,
        help_text=_("Short stable identifier, e.g. bts-monthly."),
    )
    name_zh = models.CharField(_("name (Chinese)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    site_kind = models.CharField(
        _("applies to"),
        max_length=20,
        choices=Site.Kind.choices,
        help_text=_("Kind of site this checklist is filled at."),
    )
    pre_work = models.BooleanField(
        _("safety check before work"),
        default=False,
        help_text=_(
            "A visitor to a site of this kind acknowledges this checklist when "
            "filing the visit (the first such checklist by code is used)."
        ),
    )

    panels = [
        FieldRowPanel([FieldPanel("name_zh"), FieldPanel("name_en")]),
        FieldRowPanel(
            [FieldPanel("code"), FieldPanel("site_kind"), FieldPanel("pre_work")]
        ),
        RowsInlinePanel("items", heading=_("Items"), min_num=1),
    ]
    row_checks = {"items": "check_items"}
    row_keys = {"items": ("key",)}

    class Meta:
        ordering = ["code"]
        verbose_name = _("checklist template")
        verbose_name_plural = _("checklist templates")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return _in_language(self.name_zh, self.name_en)

    def check_items(self, rows) -> None:
        if not rows:
            raise ValidationError(CHECKLIST_EMPTY)
        seen = set()
        for row in rows:
            if row.key in seen:
                raise ValidationError(DUPLICATE_ROW, params={"row": row.key})
            seen.add(row.key)


class ChecklistItem(RuleRow):
    """One check; a number outside its minimum and maximum is a finding."""

    class Kind(models.TextChoices):
        YES_NO = "yes_no", _("Yes / no")
        NUMBER = "number", _("Number")
        TEXT = "text", _("Text")
        PHOTO = "photo", _("Photo")

    template = ParentalKey(
        ChecklistTemplate, on_delete=models.CASCADE, related_name="items"
    )
    label_zh = models.CharField(_("label (Chinese)"), max_length=200)
    label_en = models.CharField(_("label (English)"), max_length=200, blank=True)
    key = models.SlugField(
        _("key"),
        max_length=60,
        blank=True,
        help_text=_(
            "Identifies the answer in reports; made from the label when left empty. "
            "Keep it when rewording a label."
        ),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    unit = models.CharField(
        _("unit"), max_length=20, blank=True, help_text=_("Number items only, e.g. V.")
    )
    min_value = models.DecimalField(
        _("minimum"),
        max_digits=10,
        decimal_places=3,
        null=True,
        blank=True,
        help_text=_(
            "Number items only: a lower value is a finding (this value passes)."
        ),
    )
    max_value = models.DecimalField(
        _("maximum"),
        max_digits=10,
        decimal_places=3,
        null=True,
        blank=True,
        help_text=_(
            "Number items only: this value or a higher one is a finding "
            "(a maximum of 5 Ω means under 5 Ω)."
        ),
    )
    bad_answer = models.CharField(
        _("finding when answered"),
        max_length=3,
        choices=[("yes", _("Yes")), ("no", _("No"))],
        blank=True,
        help_text=_(
            "Yes / no items only: the answer that is a finding, e.g. "
            "“Alarm present?” – yes. Leave empty if neither is."
        ),
    )
    required = models.BooleanField(_("required"), default=True)
    help_zh = models.CharField(_("help text (Chinese)"), max_length=300, blank=True)
    help_en = models.CharField(_("help text (English)"), max_length=300, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("label_zh"), FieldPanel("label_en")]),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("required"), FieldPanel("key")]),
        FieldPanel("bad_answer"),
        FieldRowPanel(
            [FieldPanel("unit"), FieldPanel("min_value"), FieldPanel("max_value")]
        ),
        FieldRowPanel([FieldPanel("help_zh"), FieldPanel("help_en")]),
    ]

    class Meta(RuleRow.Meta):
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")
        constraints = [
            models.CheckConstraint(
                condition=Q(min_value__isnull=True)
                | Q(max_value__isnull=True)
                | Q(min_value__lte=models.F("max_value")),
                name="checklist_item_min_not_above_max",
                violation_error_message=NUMBER_RANGE_INVERTED,
            )
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return _in_language(self.label_zh, self.label_en)

    @property
    def help(self) -> str:
        return _in_language(self.help_zh, self.help_en)

    def clean(self):
        if not self.key:
            self.key = safe_snake_case(self.label_en or self.label_zh)[:60]
        if self.bad_answer and self.kind != self.Kind.YES_NO:
            raise ValidationError({"bad_answer": YES_NO_ONLY_FIELD})
        if self.kind != self.Kind.NUMBER:
            if self.unit or self.min_value is not None or self.max_value is not None:
                raise ValidationError(NUMBER_ONLY_FIELDS)
        elif None not in (self.min_value, self.max_value):
            if self.min_value > self.max_value:
                raise ValidationError({"min_value": NUMBER_RANGE_INVERTED})
