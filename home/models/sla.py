"""Restore-time limits of fault tickets by level, region tier and mode."""

from decimal import Decimal
from itertools import product

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel

from home.validation import (
    MUST_BE_POSITIVE,
    PERCENT_OUT_OF_RANGE,
    check_unique_complete,
    raise_if,
    require_percent,
    require_positive,
)
from registry.models import Region

from .base import RowsInlinePanel, RuleRow, RuleTopic
from .sla_grid import SlaGridPanel


class FaultLevel(models.IntegerChoices):
    SERVICE_DOWN = 1, _("Level 1: service down")
    OUTAGE_RISK = 2, _("Level 2: risk of an outage")
    DEGRADED = 3, _("Level 3: partly degraded")
    INTERMITTENT = 4, _("Level 4: intermittent or indirect")


class SlaMode(models.TextChoices):
    REMOTE = "remote", _("Remote")
    ON_SITE = "on_site", _("On site")


SLA_CELLS = tuple(product(FaultLevel.values, Region.Tier.values, SlaMode.values))


class EscalationTarget(models.TextChoices):
    """Who an overdue ticket escalates to, one level after the other."""

    GROUP_LEAD = "group_lead", _("The engineer's group lead")
    CONTRACTOR_MANAGER = "contractor_manager", _("The contractor's manager")
    MAINTENANCE_MANAGER = "maintenance_manager", _("The carrier's maintenance manager")


ESCALATION_OUT_OF_ORDER = _(
    "Each escalation level comes no earlier than the one before it."
)
NO_ESCALATION = _("Give at least one escalation level.")
NOT_NEGATIVE = _("Enter 0 or more hours.")


def sla_cell_label(cell) -> str:
    level, tier, mode = cell
    return (
        f"{FaultLevel(level).label} / {Region.Tier(tier).label} / {SlaMode(mode).label}"
    )


class SlaRules(RuleTopic):
    """The SLA matrix: one restore time per fault level, region tier and mode."""

    early_warning_percent = models.DecimalField(
        _("early warning at (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("80"),
        help_text=_(
            "Warn when this share of a ticket's restore time has passed, "
            "e.g. 80 warns after 4 of 5 hours."
        ),
    )

    panels = [
        SlaGridPanel(
            "targets",
            heading=_("Restore times"),
            help_text=_(
                "Hours from dispatch to restored service: one row per fault "
                "level, one column per region tier and mode."
            ),
        ),
        FieldPanel("early_warning_percent"),
        RowsInlinePanel(
            "escalations",
            heading=_("Escalation chain"),
            help_text=_(
                "At the limit an open ticket escalates to the first level, then "
                "to each next one at its hours after the limit, in this order."
            ),
        ),
    ]
    row_checks = {"targets": "check_targets", "escalations": "check_escalations"}
    row_keys = {"targets": ("level", "tier", "mode"), "escalations": ("target",)}

    class Meta(RuleTopic.Meta):
        verbose_name = _("SLA rules")
        verbose_name_plural = _("SLA rules")
        constraints = [
            *RuleTopic.Meta.constraints,
            models.CheckConstraint(
                condition=Q(
                    early_warning_percent__gte=0, early_warning_percent__lte=100
                ),
                name="sla_early_warning_is_percent",
                violation_error_message=PERCENT_OUT_OF_RANGE,
            ),
        ]

    def __str__(self) -> str:
        return str(_("Fault restore times (SLA)"))

    def clean(self):
        raise_if(require_percent("early_warning_percent", self.early_warning_percent))
        super().clean()

    def check_targets(self, rows) -> None:
        check_unique_complete(
            rows,
            key=lambda row: (row.level, row.tier, row.mode),
            expected=SLA_CELLS,
            label=sla_cell_label,
        )

    def check_escalations(self, rows) -> None:
        """Each level once, at least one, each no earlier than the one before."""
        if not rows:
            raise ValidationError(NO_ESCALATION)
        check_unique_complete(
            rows,
            key=lambda row: row.target,
            expected=sorted({row.target for row in rows}),
            label=lambda key: EscalationTarget(key).label,
        )
        hours = [row.after_hours for row in rows if row.after_hours is not None]
        if hours != sorted(hours):
            raise ValidationError(ESCALATION_OUT_OF_ORDER)


class SlaTarget(RuleRow):
    topic = ParentalKey(SlaRules, on_delete=models.CASCADE, related_name="targets")
    level = models.PositiveSmallIntegerField(
        _("fault level"), choices=FaultLevel.choices
    )
    tier = models.CharField(
        _("region tier"), max_length=20, choices=Region.Tier.choices
    )
    mode = models.CharField(_("mode"), max_length=20, choices=SlaMode.choices)
    hours = models.DecimalField(
        _("restore within (hours)"),
        max_digits=7,
        decimal_places=2,
        help_text=_("Hours from dispatch to restored service; 7 days = 168 hours."),
    )

    class Meta(RuleRow.Meta):
        verbose_name = _("restore time")
        verbose_name_plural = _("restore times")
        constraints = [
            models.CheckConstraint(
                condition=Q(hours__gt=0),
                name="sla_target_hours_positive",
                violation_error_message=MUST_BE_POSITIVE,
            )
        ]

    def clean(self):
        raise_if(require_positive("hours", self.hours))


class SlaEscalation(RuleRow):
    """One level of the escalation chain of an overdue ticket (in row order)."""

    topic = ParentalKey(SlaRules, on_delete=models.CASCADE, related_name="escalations")
    target = models.CharField(
        _("escalate to"), max_length=30, choices=EscalationTarget.choices
    )
    after_hours = models.DecimalField(
        _("hours after the limit"),
        max_digits=7,
        decimal_places=2,
        help_text=_("0 escalates at the limit itself."),
    )

    class Meta(RuleRow.Meta):
        verbose_name = _("escalation level")
        verbose_name_plural = _("escalation levels")
        constraints = [
            models.CheckConstraint(
                condition=Q(after_hours__gte=0),
                name="sla_escalation_not_negative",
                violation_error_message=NOT_NEGATIVE,
            )
        ]

    def clean(self):
        if self.after_hours is not None and self.after_hours < 0:
            raise_if({"after_hours": [NOT_NEGATIVE]})
