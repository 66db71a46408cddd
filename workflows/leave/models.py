from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from registry.calendar import local_today
from registry.models import StaffMember
from workflows.models import Request

END_BEFORE_START = _("The leave cannot end before it starts.")


class Leave(Request):
    """A person's leave (请假), approved level by level.

    ``days`` counts calendar days, both ends included; the carrier's step is
    decided on it against the CMS threshold once the company has approved.
    """

    # The columns of its request export (workflows/exports.py), in order.
    export_fields = (
        "person",
        "start_date",
        "end_date",
        "reason",
        "days",
        "needs_carrier",
        "decision",
        "began_on",
        "ended_on",
    )

    class Decision(models.TextChoices):
        APPROVED = "approved", _("Approve")
        REJECTED = "rejected", _("Reject")

    person = models.ForeignKey(
        StaffMember,
        on_delete=models.PROTECT,
        related_name="leaves",
        verbose_name=_("person on leave"),
    )
    start_date = models.DateField(_("first day of leave"))
    end_date = models.DateField(_("last day of leave"))
    reason = models.TextField(_("reason"))
    days = models.PositiveSmallIntegerField(_("calendar days"), default=0)
    person_is_manager = models.BooleanField(
        _("leave of the company's manager"),
        default=False,
        help_text=_("The manager's own leave goes straight to the carrier."),
    )
    needs_carrier = models.BooleanField(_("carrier approves"), null=True, blank=True)
    carrier_after_days = models.PositiveSmallIntegerField(
        _("carrier approves leave longer than (days)"), null=True, blank=True
    )
    decision = models.CharField(
        _("decision"), max_length=10, choices=Decision.choices, blank=True
    )
    began_on = models.DateField(_("leave began on"), null=True, blank=True)
    ended_on = models.DateField(_("back on duty on"), null=True, blank=True)
    person_fields = ("person",)

    class Meta:
        verbose_name = _("leave")
        verbose_name_plural = _("leave requests")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="leave_ends_after_it_starts",
                violation_error_message=END_BEFORE_START,
            ),
        ]

    @property
    def needs_company_approval(self) -> bool:
        return not self.person_is_manager

    @property
    def approved(self) -> bool:
        return self.decision == self.Decision.APPROVED

    @property
    def has_started(self) -> bool:
        return self.start_date <= local_today()

    @property
    def has_ended(self) -> bool:
        return self.end_date < local_today()

    @property
    def on_leave_now(self) -> bool:
        return self.began_on is not None and self.ended_on is None
