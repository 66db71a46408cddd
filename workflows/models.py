"""What every request flow shares: the request row, its audit trail, its number."""

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from viewflow.workflow.models import Process
from viewflow.workflow.models import Task as FlowTask
from viewflow.workflow.status import PROCESS

from registry.models import Company

from .notes import notes_render

OUTCOME_LABELS = {
    "approved": _("Approved"),
    "rejected": _("Rejected"),
    "acknowledged": _("Acknowledged"),
    "completed": _("Completed"),
    "failed": _("Failed"),
}


class Request(Process):
    """A request filed by a user: the common columns of every request flow.

    Each flow's process model extends this one (multi-table), so one query over
    ``Request`` serves the queue, search and company scoping for every flow.
    """

    reference = models.CharField(_("reference"), max_length=30, unique=True)
    company = models.ForeignKey(
        Company,
        on_delete=models.PROTECT,
        related_name="requests",
        verbose_name=_("company"),
    )
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="requests",
        verbose_name=_("requester"),
    )
    summary = models.CharField(_("summary"), max_length=200)
    summary_en = models.CharField(_("summary (English)"), max_length=200, blank=True)
    answers = models.JSONField(
        _("extra answers"),
        default=list,
        blank=True,
        help_text=_("Answers to the fields an admin added to the request form."),
    )
    attachments = models.ManyToManyField(
        "wagtaildocs.Document", blank=True, verbose_name=_("attachments")
    )
    site = models.ForeignKey(
        "registry.Site",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="requests",
        verbose_name=_("site"),
    )
    due_at = models.DateTimeField(
        _("current step due"),
        null=True,
        blank=True,
        help_text=_("Deadline of the step the request waits on, if it has one."),
    )
    is_exception = models.BooleanField(_("approved as exception"), default=False)
    outcome = models.CharField(_("outcome"), max_length=20, blank=True)

    # Lookups from a flow's process model to the staff members it concerns
    # (``("person",)``): a person's page lists the requests about them.
    person_fields: tuple[str, ...] = ()
    # The flow's own columns of its request export, an allow-list
    # (workflows/exports.py): what the request asked for and decided.
    export_fields: tuple[str, ...] = ()

    class Meta:
        verbose_name = _("request")
        verbose_name_plural = _("requests")
        indexes = [
            # A company's requests with their sites, from the index alone: the
            # dashboards' counts join a flow's rows to it by pk.
            models.Index(
                fields=["process_ptr", "company", "site"], name="request_company_site"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    def save(self, *args, **kwargs):
        """Never write ``due_at`` back from memory on an update.

        ``workflows.deadlines`` sets it in SQL when a task opens or closes,
        while viewflow still holds the process it saves after the task: a
        full save would put back the stale value.
        """
        if not self._state.adding and kwargs.get("update_fields") is None:
            deferred = self.get_deferred_fields()
            kwargs["update_fields"] = [
                field.name
                for field in self._meta.concrete_fields
                if not field.primary_key
                and field.name != "due_at"
                and field.attname not in deferred
            ]
        super().save(*args, **kwargs)

    @property
    def state_label(self) -> str:
        """Where the request stands once no step waits: its outcome, or closed."""
        if self.outcome in OUTCOME_LABELS:
            return OUTCOME_LABELS[self.outcome]
        return _("Closed") if self.status == PROCESS.DONE else _("In progress")

    @property
    def title(self) -> str:
        """The summary in the reader's language: Chinese unless English is active."""
        if self.summary_en and (get_language() or "").startswith("en"):
            return self.summary_en
        return self.summary


class Transition(models.Model):
    """One step taken on a request: who, when, what, why, under which rules."""

    class Action(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        RESUBMITTED = "resubmitted", _("Resubmitted")
        ROUTED = "routed", _("Routed")
        CLAIMED = "claimed", _("Claimed")
        RELEASED = "released", _("Released")
        APPROVED = "approved", _("Approved")
        EXCEPTION_APPROVED = "exception_approved", _("Approved as exception")
        REJECTED = "rejected", _("Rejected")
        RETURNED = "returned", _("Returned for changes")
        ACKNOWLEDGED = "acknowledged", _("Acknowledged")
        APPLIED = "applied", _("Took effect")
        ENDED = "ended", _("Ended")
        CONFIRMED = "confirmed", _("Confirmed")
        ESCALATED = "escalated", _("Escalated")
        WORK_STARTED = "work_started", _("Work started")
        WORK_ENDED = "work_ended", _("Work ended")
        ROLLED_BACK = "rolled_back", _("Rolled back")
        SPARE_PARTS = "spare_parts_upgraded", _("Spare parts upgraded")
        SERVICE_RECORDED = "service_recorded", _("Service record written")
        DISPATCHED = "dispatched", _("Dispatched")
        ACCEPTED = "accepted", _("Accepted")
        PROGRESS = "progress", _("Progress note")
        ARRIVED = "arrived", _("Arrived on site")
        RESTORED = "restored", _("Restored")
        REPORTED = "reported", _("Fault report sent")
        WARNED = "warned", _("SLA warning")
        ANALYSED = "analysed", _("Overdue analysis sent")
        CHECKED_IN = "checked_in", _("Checked in")
        CHECKED_OUT = "checked_out", _("Checked out")
        OVERDUE = "overdue", _("Overdue")
        ACTED_FOR = "acted_for", _("Taken by a substitute")
        REASSIGNED = "reassigned", _("Moved to another person")
        REDISPATCHED = "redispatched", _("Re-dispatched")
        SUSPEND_ASKED = "suspend_asked", _("Suspension asked")
        SUSPENDED = "suspended", _("Suspended")
        SUSPEND_REFUSED = "suspend_refused", _("Suspension refused")
        RESUMED = "resumed", _("Resumed")
        CHASED = "chased", _("Chased")

    request = models.ForeignKey(
        Request,
        on_delete=models.CASCADE,
        related_name="transitions",
        verbose_name=_("request"),
    )
    task = models.ForeignKey(
        FlowTask, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)
    action = models.CharField(_("action"), max_length=30, choices=Action.choices)
    step = models.CharField(_("step"), max_length=60, blank=True)
    comment = models.TextField(
        _("comment"), blank=True, help_text=_("What the person acting wrote.")
    )
    notes = models.JSONField(
        _("system notes"),
        default=list,
        blank=True,
        help_text=_(
            "What the portal noted on this step, as message keys and values "
            "(workflows.notes), shown in the reader's language."
        ),
    )
    rules = models.JSONField(
        _("rule values used"),
        default=dict,
        blank=True,
        help_text=_("The rule values and their revision this decision read."),
    )

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("transition")
        verbose_name_plural = _("transitions")

    def __str__(self) -> str:
        return f"{self.request_id} {self.action}"

    @property
    def note_text(self) -> str:
        """The system notes in the active language."""
        return notes_render(self.notes)


class ReferenceSequence(models.Model):
    """The last number given to one kind of request in one year.

    ``workflows.services.new_reference`` takes the next one inside the filing's
    transaction, under a lock on this row.
    """

    kind = models.CharField(_("kind"), max_length=10)
    year = models.PositiveSmallIntegerField(_("year"))
    last = models.PositiveIntegerField(_("last number given"), default=0)

    class Meta:
        verbose_name = _("reference sequence")
        verbose_name_plural = _("reference sequences")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "year"], name="reference_sequence_per_kind_and_year"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind}-{self.year}: {self.last}"


class StepDeadline(models.Model):
    """When one open task of a step with a time limit is due, and whether it was late.

    Written by ``workflows.deadlines`` from the Task ``post_save`` hook: made
    when the task is created (the due time fixed then, with the rule revision
    it read), closed when the task leaves the open statuses. ``late`` is set
    when it closes after its due time; an open row past ``due_at`` is late too
    (``workflows.deadlines.late_steps`` counts both).
    """

    task = models.OneToOneField(
        FlowTask, on_delete=models.CASCADE, related_name="deadline"
    )
    request = models.ForeignKey(
        Request,
        on_delete=models.CASCADE,
        related_name="step_deadlines",
        verbose_name=_("request"),
    )
    step = models.CharField(_("step"), max_length=60)
    due_at = models.DateTimeField(_("due"), db_index=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    late = models.BooleanField(_("late"), default=False)
    rules = models.JSONField(
        _("rule values used"),
        default=dict,
        blank=True,
        help_text=_("The time limit and the revision of the deadline rules read."),
    )

    class Meta:
        verbose_name = _("step deadline")
        verbose_name_plural = _("step deadlines")

    def __str__(self) -> str:
        return f"{self.request_id} {self.step} {self.due_at:%Y-%m-%d %H:%M}"
