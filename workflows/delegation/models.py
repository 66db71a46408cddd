"""Substitutes (代理人) and snoozes (暂缓): read by the queue at query time.

A substitution is active on the days of its range, both ends included; no
job starts or ends it. A snooze hides a task from its owner's open list until
``until``; it belongs to the owner it was made by, so a task that changes
hands (reassigned, taken by a substitute) is no longer hidden.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from viewflow.workflow.models import Task as FlowTask

END_BEFORE_START = _("The last day cannot be before the first day.")
NOT_YOURSELF = _("Choose someone else as the substitute.")


class Substitution(models.Model):
    absent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("absent person"),
    )
    substitute = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("substitute"),
    )
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("set by"),
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("substitute")
        verbose_name_plural = _("substitutes")
        indexes = [models.Index(fields=["substitute", "start_date", "end_date"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="substitution_ends_after_it_starts",
                violation_error_message=END_BEFORE_START,
            ),
            models.CheckConstraint(
                condition=~Q(absent=F("substitute")),
                name="substitution_not_oneself",
                violation_error_message=NOT_YOURSELF,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.substitute} → {self.absent} {self.start_date}–{self.end_date}"


class TaskSnooze(models.Model):
    task = models.ForeignKey(
        FlowTask, on_delete=models.CASCADE, related_name="+", verbose_name=_("task")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("snoozed by"),
    )
    until = models.DateTimeField(_("snoozed until"))
    reason = models.CharField(_("reason"), max_length=200)
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("snoozed task")
        verbose_name_plural = _("snoozed tasks")
        constraints = [
            models.UniqueConstraint(fields=["task", "user"], name="one_snooze_per_task")
        ]

    def __str__(self) -> str:
        return f"{self.task_id} until {self.until}"
