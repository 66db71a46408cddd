from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home.rules import current_rules
from registry.models import Contract, StaffMember
from registry.roles import role_label
from workflows.models import Request

NEED_STAFF_OUT = _("Choose the person who leaves.")
NEED_NAME_IN = _("Give the name of the person who joins.")


class StaffChange(Request):
    """A change of the contract's staff (人员变更), counted against the cap."""

    # The columns of its request export (workflows/exports.py), in order.
    export_fields = (
        "contract",
        "kind",
        "reason",
        "effective_date",
        "positions",
        "within_cap",
        "cap_used",
        "cap_allowed",
        "decision",
        "applied_on",
    )

    class Kind(models.TextChoices):
        ADD = "add", _("Add people")
        REMOVE = "remove", _("Remove people")
        REPLACE = "replace", _("Replace people")

    class Decision(models.TextChoices):
        APPROVED = "approved", _("Approve")
        REJECTED = "rejected", _("Reject")
        RETURNED = "returned", _("Return for changes")

    contract = models.ForeignKey(
        Contract,
        on_delete=models.PROTECT,
        related_name="staff_changes",
        verbose_name=_("contract"),
    )
    kind = models.CharField(_("kind of change"), max_length=10, choices=Kind.choices)
    reason = models.TextField(_("reason"))
    effective_date = models.DateField(_("effective date"))
    positions = models.PositiveSmallIntegerField(_("positions changed"), default=0)
    within_cap = models.BooleanField(_("within the cap"), null=True, blank=True)
    cap_used = models.PositiveSmallIntegerField(_("positions used before"), default=0)
    cap_allowed = models.PositiveSmallIntegerField(_("positions allowed"), default=0)
    cap_percent = models.DecimalField(
        _("cap (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    decision = models.CharField(
        _("decision"), max_length=10, choices=Decision.choices, blank=True
    )
    applied_on = models.DateField(_("took effect on"), null=True, blank=True)
    person_fields = ("people__staff",)

    class Meta:
        verbose_name = _("staff change")
        verbose_name_plural = _("staff changes")

    @property
    def percent_after(self):
        """Share of the headcount changed if this request is granted."""
        headcount = self.contract.headcount
        return round((self.cap_used + self.positions) * 100 / headcount, 1)

    @property
    def exception_approvers(self) -> str:
        """Who decides on a change over the cap now (部门负责人), per the rules."""
        return role_label(current_rules().staff_change.exception_group.name)

    @property
    def returned(self) -> bool:
        return self.decision == self.Decision.RETURNED

    @property
    def approved(self) -> bool:
        return self.decision == self.Decision.APPROVED

    @property
    def takes_effect_now(self) -> bool:
        return self.effective_date <= timezone.localdate()


class StaffChangePerson(models.Model):
    """One person who joins or leaves the contract through a staff change."""

    class Direction(models.TextChoices):
        IN = "in", _("Joins")
        OUT = "out", _("Leaves")

    change = models.ForeignKey(
        StaffChange, on_delete=models.CASCADE, related_name="people"
    )
    direction = models.CharField(
        _("direction"), max_length=3, choices=Direction.choices
    )
    staff = models.ForeignKey(
        StaffMember,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("staff member"),
    )
    name = models.CharField(_("name"), max_length=60, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    qualifications = models.CharField(_("qualifications"), max_length=200, blank=True)
    id_number = models.CharField(
        _("ID or staff number"),
        max_length=30,
        blank=True,
        help_text=_("ID card number, or the staff number of someone rejoining."),
    )
    certificate = models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("certificate"),
    )
    certificate_expiry = models.DateField(
        _("certificate expiry"), null=True, blank=True
    )

    class Meta:
        ordering = ["direction", "pk"]
        verbose_name = _("person changed")
        verbose_name_plural = _("people changed")
        constraints = [
            models.CheckConstraint(
                condition=Q(direction="in") | Q(staff__isnull=False),
                name="staff_change_out_names_staff",
                violation_error_message=NEED_STAFF_OUT,
            ),
            models.CheckConstraint(
                condition=Q(direction="out") | ~Q(name=""),
                name="staff_change_in_has_name",
                violation_error_message=NEED_NAME_IN,
            ),
        ]

    def __str__(self) -> str:
        return self.staff.name if self.staff_id else self.name

    def clean(self):
        if self.direction == self.Direction.OUT and not self.staff_id:
            raise ValidationError({"staff": NEED_STAFF_OUT})
        if self.direction == self.Direction.IN and not self.name:
            raise ValidationError({"name": NEED_NAME_IN})
