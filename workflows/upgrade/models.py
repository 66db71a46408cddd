"""A software upgrade (软件升级) request and what each of its steps wrote."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from workflows.models import Request

END_BEFORE_START = _("The window cannot end before it starts.")


def _document(verbose_name):
    return models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=verbose_name,
    )


class SoftwareUpgrade(Request):
    """软件升级: filed by a contractor, confirmed, reviewed, approved, executed
    inside the approved window, then closed by a service record (or failed)."""

    # The columns of its request export (workflows/exports.py), in order.
    export_fields = (
        "system",
        "current_version",
        "target_version",
        "reason",
        "need_date",
        "proposed_start",
        "proposed_end",
        "application_due",
        "application_late",
        "confirmation_due",
        "decision",
        "approved_start",
        "approved_end",
        "started_at",
        "ended_at",
        "result",
        "rolled_back",
    )

    class Decision(models.TextChoices):
        APPROVED = "approved", _("Approve")
        REJECTED = "rejected", _("Reject")
        RETURNED = "returned", _("Return for changes")

    class Result(models.TextChoices):
        SUCCEEDED = "succeeded", _("Succeeded")
        FAILED = "failed", _("Failed")

    system = models.CharField(_("system"), max_length=100)
    sites = models.ManyToManyField(
        "registry.Site", related_name="upgrades", verbose_name=_("sites")
    )
    current_version = models.CharField(_("current version"), max_length=60)
    target_version = models.CharField(_("target version"), max_length=60)
    reason = models.TextField(_("reason"))
    need_date = models.DateField(
        _("needed by"), help_text=_("The day the upgrade is needed by.")
    )
    proposed_start = models.DateTimeField(_("proposed window start"))
    proposed_end = models.DateTimeField(_("proposed window end"))
    spare_parts = models.BooleanField(_("spare parts upgraded too"), default=False)
    plan = _document(_("upgrade plan"))
    difference = _document(_("version difference"))
    test_report = _document(_("test report"))
    follows = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="follow_ups",
        verbose_name=_("follows the failed request"),
    )
    application_due = models.DateField(_("latest filing day"), null=True, blank=True)
    application_late = models.BooleanField(_("filed late"), default=False)
    confirmation_due = models.DateTimeField(_("confirm by"), null=True, blank=True)
    late_steps = models.JSONField(_("late steps"), default=list, blank=True)
    decision = models.CharField(
        _("decision"), max_length=10, choices=Decision.choices, blank=True
    )
    approved_start = models.DateTimeField(
        _("approved window start"), null=True, blank=True
    )
    approved_end = models.DateTimeField(_("approved window end"), null=True, blank=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    result = models.CharField(
        _("result"), max_length=10, choices=Result.choices, blank=True
    )
    result_note = models.TextField(_("what was done"), blank=True)
    rolled_back = models.BooleanField(_("rolled back"), default=False)
    failure_report = models.TextField(_("failure report"), blank=True)
    spare_parts_note = models.TextField(_("spare parts upgraded"), blank=True)
    service_record = models.TextField(_("service record"), blank=True)

    class Meta:
        verbose_name = _("software upgrade")
        verbose_name_plural = _("software upgrades")
        constraints = [
            models.CheckConstraint(
                condition=Q(proposed_end__gt=F("proposed_start")),
                name="upgrade_proposed_window_ordered",
                violation_error_message=END_BEFORE_START,
            ),
            models.CheckConstraint(
                condition=Q(approved_end__isnull=True)
                | Q(approved_end__gt=F("approved_start")),
                name="upgrade_approved_window_ordered",
                violation_error_message=END_BEFORE_START,
            ),
        ]

    @property
    def approved(self) -> bool:
        return self.decision == self.Decision.APPROVED

    @property
    def returned(self) -> bool:
        return self.decision == self.Decision.RETURNED

    @property
    def succeeded(self) -> bool:
        return self.result == self.Result.SUCCEEDED

    @property
    def follow_up_url(self) -> str:
        """The form page that files a new upgrade, offered when this one failed."""
        from home.models import RequestFormPage

        page = RequestFormPage.objects.live().filter(kind="upgrade").first()
        return page.url if page else ""

    @property
    def late_count(self) -> int:
        return len(self.late_steps) + int(self.application_late)
