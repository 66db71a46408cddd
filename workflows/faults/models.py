from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home.models.sla import FaultLevel, SlaMode
from registry.models import Region
from workflows.models import Request


class FaultTicket(Request):
    """A fault ticket (故障工单) dispatched by the monitoring centre.

    The SLA limit and warning moment are computed from the CMS at dispatch and
    stored with the rule revision they came from: a later rule change applies
    only to tickets dispatched after it. ``Request.site`` is the faulty site.
    """

    # The columns of its request export (workflows/exports.py), in order.
    export_fields = (
        "level",
        "mode",
        "tier",
        "alarm_id",
        "state",
        "description",
        "dispatched_at",
        "accepted_at",
        "restored_at",
        "sla_hours",
        "sla_due_at",
        "overdue",
        "needs_report",
        "report_due_at",
        "reported_at",
        "decision",
        "confirmed_at",
        "analysis_due_at",
        "analysed_at",
    )

    class Decision(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirm")
        RETURNED = "returned", _("Send back for more work")

    class SuspendDecision(models.TextChoices):
        APPROVED = "approved", _("Approve the suspension")
        REFUSED = "refused", _("Refuse: keep the clock running")

    class State(models.TextChoices):
        DISPATCHED = "dispatched", _("Dispatched")
        ACCEPTED = "accepted", _("Being handled")
        ARRIVED = "arrived", _("On site")
        SUSPEND_REQUESTED = "suspend_asked", _("Suspension asked")
        SUSPENDED = "suspended", _("Suspended")
        RESTORED = "restored", _("Restored")
        REPORTED = "reported", _("Awaiting confirmation")
        ANALYSIS = "analysis", _("Overdue analysis due")
        CLOSED = "closed", _("Closed")

    level = models.PositiveSmallIntegerField(
        _("fault level"), choices=FaultLevel.choices
    )
    mode = models.CharField(_("mode"), max_length=20, choices=SlaMode.choices)
    tier = models.CharField(
        _("region tier"), max_length=20, choices=Region.Tier.choices
    )
    description = models.TextField(_("description"))
    alarm_id = models.CharField(
        _("alarm id"),
        max_length=80,
        blank=True,
        help_text=_("The monitoring system's own id of the alarm, if any."),
    )
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.DISPATCHED
    )
    dispatched_at = models.DateTimeField(_("dispatched at"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accepted by"),
    )
    arrived_at = models.DateTimeField(_("arrived at"), null=True, blank=True)
    arrival = models.ForeignKey(
        "presence.Presence",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("arrival location"),
        help_text=_("Where the engineer's phone was on arriving (on-site tickets)."),
    )
    restored_at = models.DateTimeField(_("restored at"), null=True, blank=True)
    cause = models.TextField(_("cause"), blank=True)
    measures = models.TextField(_("measures taken"), blank=True)
    sla_hours = models.DecimalField(
        _("restore within (hours)"), max_digits=7, decimal_places=2, default=0
    )
    sla_due_at = models.DateTimeField(_("restore due"), null=True, blank=True)
    warning_at = models.DateTimeField(_("early warning at"), null=True, blank=True)
    sla_revision_id = models.PositiveIntegerField(
        _("SLA rule revision"), null=True, blank=True
    )
    warned_at = models.DateTimeField(_("warned at"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("escalated at"), null=True, blank=True)
    escalation_level = models.PositiveSmallIntegerField(
        _("escalation level"),
        default=0,
        help_text=_("How many levels of the CMS chain the overdue ticket went up."),
    )
    suspend_reason = models.TextField(_("reason for suspending"), blank=True)
    suspend_decision = models.CharField(
        _("suspension decision"),
        max_length=10,
        choices=SuspendDecision.choices,
        blank=True,
    )
    suspended_at = models.DateTimeField(_("suspended since"), null=True, blank=True)
    suspended_seconds = models.PositiveIntegerField(
        _("time suspended (seconds)"),
        default=0,
        help_text=_("The SLA clock stood still this long; the limit moved by it."),
    )
    chased_at = models.DateTimeField(_("last chased at"), null=True, blank=True)
    needs_report = models.BooleanField(_("fault report required"), default=False)
    report = models.TextField(_("fault report"), blank=True)
    report_due_at = models.DateTimeField(_("fault report due"), null=True, blank=True)
    reported_at = models.DateTimeField(_("reported at"), null=True, blank=True)
    decision = models.CharField(
        _("decision"), max_length=10, choices=Decision.choices, blank=True
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    overdue = models.BooleanField(_("overdue"), default=False)
    analysis = models.TextField(_("overdue analysis"), blank=True)
    analysis_due_at = models.DateTimeField(
        _("overdue analysis due"), null=True, blank=True
    )
    analysed_at = models.DateTimeField(_("analysed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("fault ticket")
        verbose_name_plural = _("fault tickets")
        indexes = [
            # The dashboards count tickets of a period per company, site and
            # month with their SLA state: every column they read, so a year
            # of tickets is counted from this index and the request's
            # (``request_company_site``) alone.
            models.Index(
                fields=[
                    "dispatched_at",
                    "request_ptr",
                    "state",
                    "overdue",
                    "restored_at",
                    "sla_due_at",
                ],
                name="fault_ticket_dashboard",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["alarm_id"],
                condition=~models.Q(alarm_id=""),
                name="fault_ticket_alarm_once",
            ),
        ]

    @property
    def returned(self) -> bool:
        return self.decision == self.Decision.RETURNED

    @property
    def on_site(self) -> bool:
        """An on-site ticket records the engineer's arrival before restoring."""
        return self.mode == SlaMode.ON_SITE

    @property
    def suspend_asked(self) -> bool:
        return self.state == self.State.SUSPEND_REQUESTED

    @property
    def suspended(self) -> bool:
        return self.state == self.State.SUSPENDED

    @property
    def escalation_pending(self) -> bool:
        """Open, running and with a level of the CMS chain still above it."""
        from home.rules import current_rules

        chain = current_rules().sla.escalations
        running = self.is_open and self.finished is None and not self.suspended
        return running and self.escalation_level < len(chain)

    @property
    def report_pending(self) -> bool:
        """A level 1–2 fault owes its report once (not again after a send-back)."""
        return self.needs_report and self.reported_at is None

    @property
    def is_open(self) -> bool:
        return self.restored_at is None

    def sla_remaining(self, now=None):
        """Time left before the SLA limit (negative once passed); None if restored."""
        if self.sla_due_at is None or self.restored_at is not None:
            return None
        if self.suspended and self.suspended_at:  # the clock stands still
            now = self.suspended_at
        return self.sla_due_at - (now or timezone.now())

    @property
    def sla_flag(self) -> str:
        """``overdue``, ``warning`` or ``""``: how the queue and list colour it."""
        if self.overdue or self.escalated_at:
            return "overdue"
        if self.restored_at is None and self.sla_due_at and not self.suspended:
            now = timezone.now()
            if now >= self.sla_due_at:
                return "overdue"
            if self.warned_at or (self.warning_at and now >= self.warning_at):
                return "warning"
        return ""
