from django.db import models
from django.utils.translation import gettext_lazy as _

from registry.calendar import local_today
from registry.models import Region, StaffMember
from workflows.models import Request


class PositionChange(Request):
    """A person moved to another position, work group or area (定岗 / 调整).

    The ``old_*`` fields keep what the roster said when the change was filed
    (shown beside the new values); the ``new_*`` ones are written on the
    roster on the effective date once the carrier approved.
    """

    # The columns of its request export (workflows/exports.py), in order.
    export_fields = (
        "person",
        "old_position",
        "new_position",
        "old_team",
        "new_team",
        "old_region",
        "new_region",
        "effective_date",
        "reason",
        "decision",
        "applied_on",
    )

    class Decision(models.TextChoices):
        APPROVED = "approved", _("Approve")
        REJECTED = "rejected", _("Reject")

    person = models.ForeignKey(
        StaffMember,
        on_delete=models.PROTECT,
        related_name="position_changes",
        verbose_name=_("person moved"),
    )
    old_position = models.CharField(
        _("position before"), max_length=20, choices=StaffMember.Position.choices
    )
    new_position = models.CharField(
        _("new position"), max_length=20, choices=StaffMember.Position.choices
    )
    old_team = models.CharField(_("work group before"), max_length=60, blank=True)
    new_team = models.CharField(_("new work group"), max_length=60, blank=True)
    old_region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("area before"),
    )
    new_region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("new area"),
    )
    effective_date = models.DateField(_("effective date"))
    reason = models.TextField(_("reason"))
    person_is_manager = models.BooleanField(
        _("change of the company's manager"),
        default=False,
        help_text=_("The manager's own change goes straight to the carrier."),
    )
    decision = models.CharField(
        _("decision"), max_length=10, choices=Decision.choices, blank=True
    )
    applied_on = models.DateField(_("applied on"), null=True, blank=True)
    person_fields = ("person",)

    class Meta:
        verbose_name = _("position change")
        verbose_name_plural = _("position changes")

    @property
    def needs_company_approval(self) -> bool:
        return not self.person_is_manager

    @property
    def approved(self) -> bool:
        return self.decision == self.Decision.APPROVED

    @property
    def takes_effect_now(self) -> bool:
        return self.effective_date <= local_today()
