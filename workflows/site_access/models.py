from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from registry.models import StaffMember
from workflows.models import Request

WINDOW_INVERTED = _("The visit must end after it starts.")
OUT_BEFORE_IN = _("Check-out cannot be before check-in.")


class SiteVisit(Request):
    """A visit to a machine room or site (机房出入), approved by the site owner.

    ``site`` (on ``Request``) is the site visited. The window is when the
    visitors may be inside; a visit still open after it is overdue.
    """

    # The columns of its request export (workflows/exports.py), in order.
    export_fields = (
        "window_start",
        "window_end",
        "cabinets",
        "planned_work",
        "equipment_change",
        "escort",
        "decision",
        "overdue_at",
    )

    class Decision(models.TextChoices):
        APPROVED = "approved", _("Approve")
        REJECTED = "rejected", _("Reject")

    window_start = models.DateTimeField(_("from"))
    window_end = models.DateTimeField(_("until"))
    cabinets = models.CharField(_("cabinet numbers"), max_length=200, blank=True)
    planned_work = models.TextField(_("planned work"))
    equipment_change = models.BooleanField(
        _("equipment added or removed"), default=False
    )
    escort = models.ForeignKey(
        StaffMember,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="escorted_visits",
        verbose_name=_("escort"),
        help_text=_("The person responsible for the outside visitors."),
    )
    checklist = models.ForeignKey(
        "home.ChecklistTemplate",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("pre-work safety checklist"),
    )
    checklist_revision_id = models.PositiveIntegerField(null=True, blank=True)
    checklist_acknowledged_at = models.DateTimeField(
        _("safety checklist acknowledged at"), null=True, blank=True
    )
    decision = models.CharField(
        _("decision"), max_length=10, choices=Decision.choices, blank=True
    )
    work_done = models.TextField(_("work actually done"), blank=True)
    equipment_notes = models.TextField(_("equipment added or removed"), blank=True)
    items_open = models.TextField(_("items left open"), blank=True)
    overdue_at = models.DateTimeField(_("flagged overdue at"), null=True, blank=True)
    check_in_presence = models.ForeignKey(
        "presence.Presence",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("check-in location"),
        help_text=_("Where the phone of whoever checked the visitors in was."),
    )
    person_fields = ("visitors__staff",)

    class Meta:
        verbose_name = _("site visit")
        verbose_name_plural = _("site visits")
        constraints = [
            models.CheckConstraint(
                condition=Q(window_end__gt=F("window_start")),
                name="site_visit_ends_after_it_starts",
                violation_error_message=WINDOW_INVERTED,
            ),
        ]

    @property
    def approved(self) -> bool:
        return self.decision == self.Decision.APPROVED

    @property
    def is_overdue(self) -> bool:
        """Still open after its window (flagged or not yet swept)."""
        if self.finished is not None or self.outcome == self.Decision.REJECTED:
            return False
        return self.overdue_at is not None or self.window_end < timezone.now()


class Visitor(models.Model):
    """One person on a visit: a roster member of the company, or an outsider."""

    visit = models.ForeignKey(
        SiteVisit, on_delete=models.CASCADE, related_name="visitors"
    )
    staff = models.ForeignKey(
        StaffMember,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="site_visits",
        verbose_name=_("staff member"),
    )
    name = models.CharField(_("name"), max_length=60, blank=True)
    company_name = models.CharField(_("company"), max_length=120, blank=True)
    id_number = models.CharField(_("ID number"), max_length=30, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    checked_out_at = models.DateTimeField(_("checked out at"), null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("visitor")
        verbose_name_plural = _("visitors")
        constraints = [
            models.CheckConstraint(
                condition=Q(checked_out_at__isnull=True)
                | Q(
                    checked_in_at__isnull=False, checked_out_at__gte=F("checked_in_at")
                ),
                name="site_visitor_out_after_in",
                violation_error_message=OUT_BEFORE_IN,
            ),
        ]

    def __str__(self) -> str:
        return self.staff.name if self.staff_id else self.name

    @property
    def is_outsider(self) -> bool:
        return self.staff_id is None
