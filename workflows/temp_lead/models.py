from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from registry.calendar import local_today
from registry.models import StaffMember
from workflows.models import Request

END_BEFORE_START = _("The stand-in cannot end before starting.")
ACKNOWLEDGED = "acknowledged"


class TempLead(Request):
    """A stand-in named while the contractor's lead is away (临时负责人).

    The carrier acknowledges the report; from then on the stand-in is shown as
    the company's lead on the days named (see ``selectors.acting_lead_for``).
    """

    # The columns of its request export (workflows/exports.py), in order.
    export_fields = (
        "stand_in",
        "start_date",
        "end_date",
        "reason",
        "acknowledged_at",
    )

    stand_in = models.ForeignKey(
        StaffMember,
        on_delete=models.PROTECT,
        related_name="temp_lead_terms",
        verbose_name=_("stand-in"),
    )
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    reason = models.TextField(_("reason"))
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    person_fields = ("stand_in",)

    class Meta:
        verbose_name = _("temporary lead")
        verbose_name_plural = _("temporary leads")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="temp_lead_ends_after_it_starts",
                violation_error_message=END_BEFORE_START,
            ),
        ]

    @property
    def acknowledged(self) -> bool:
        return self.outcome == ACKNOWLEDGED

    @property
    def acting_today(self) -> bool:
        return self.acknowledged and self.start_date <= local_today() <= self.end_date
