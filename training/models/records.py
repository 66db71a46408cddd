"""What people did: lessons read, quiz attempts, certificates."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from registry.models import StaffMember

from .pages import TrainingModulePage


class LessonRead(models.Model):
    """A lesson a person read to the end (by the lesson block's id)."""

    person = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="+")
    module = models.ForeignKey(
        TrainingModulePage, on_delete=models.CASCADE, related_name="+"
    )
    lesson_id = models.CharField(max_length=64)
    read_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["person", "module", "lesson_id"], name="training_read_once"
            )
        ]


class Progress(models.Model):
    """A person's standing in one module; the row attempts lock on."""

    person = models.ForeignKey(
        StaffMember, on_delete=models.CASCADE, related_name="training_progress"
    )
    module = models.ForeignKey(
        TrainingModulePage, on_delete=models.CASCADE, related_name="+"
    )
    # Bumped when a certificate is issued: a re-certification counts afresh.
    cycle = models.PositiveSmallIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["person", "module"], name="training_progress_unique"
            )
        ]


class Attempt(models.Model):
    """One quiz attempt: the questions drawn, in the order shown, and the result."""

    progress = models.ForeignKey(
        Progress, on_delete=models.CASCADE, related_name="attempts"
    )
    cycle = models.PositiveSmallIntegerField()
    number = models.PositiveSmallIntegerField()
    max_attempts = models.PositiveSmallIntegerField()
    # [{"id": question block id, "order": [choice index, ...]}, ...]
    drawn = models.JSONField(default=list)
    answers = models.JSONField(default=dict)
    results = models.JSONField(default=dict)
    pass_mark = models.DecimalField(max_digits=5, decimal_places=2)
    rules_revision = models.PositiveIntegerField(null=True)
    score = models.DecimalField(max_digits=5, decimal_places=2, null=True)
    passed = models.BooleanField(null=True)
    started_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True)

    class Meta:
        ordering = ["-started_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["progress", "cycle", "number"], name="training_attempt_number"
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1, number__lte=F("max_attempts")),
                name="training_attempt_within_max",
            ),
        ]


class Certificate(models.Model):
    """Issued on passing a module's quiz; valid until ``expires_on`` (if any)."""

    number = models.CharField(_("certificate number"), max_length=30, unique=True)
    person = models.ForeignKey(
        StaffMember, on_delete=models.CASCADE, related_name="training_certificates"
    )
    module = models.ForeignKey(
        TrainingModulePage, on_delete=models.PROTECT, related_name="certificates"
    )
    attempt = models.OneToOneField(
        Attempt, on_delete=models.SET_NULL, null=True, related_name="certificate"
    )
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=2)
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=2)
    issued_on = models.DateField(_("issued on"))
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    # Set once the lapse was dealt with (status and notice), so it happens once.
    lapse_handled = models.BooleanField(default=False)

    class Meta:
        ordering = ["-issued_on", "-pk"]
        verbose_name = _("training certificate")
        verbose_name_plural = _("training certificates")
        indexes = [models.Index(fields=["expires_on", "lapse_handled"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True) | Q(expires_on__gt=F("issued_on")),
                name="training_certificate_expires_after_issue",
            )
        ]

    def __str__(self) -> str:
        return self.number
