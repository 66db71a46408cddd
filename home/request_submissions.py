"""What a submitted request form leaves behind, next to the process it started."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.forms.models import AbstractFormSubmission
from wagtail.documents import get_document_model_string


class RequestSubmission(AbstractFormSubmission):
    """One filed request: who filed it for which company, the process it started,
    the admin's extra fields as answered (labels as they read at the time) and
    the documents uploaded with it.

    ``form_data`` keeps Wagtail's shape (extra field name → value) for the
    Forms listing and its CSV export; ``answers`` is what approvers are shown.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="request_submissions",
        verbose_name=_("filed by"),
    )
    company = models.ForeignKey(
        "registry.Company",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="request_submissions",
        verbose_name=_("company"),
    )
    kind = models.CharField(_("request kind"), max_length=50)
    process_type = models.ForeignKey(
        ContentType,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("process type"),
    )
    process_id = models.PositiveBigIntegerField(_("process id"))
    process_reference = models.CharField(
        _("process reference"),
        max_length=30,
        blank=True,
        help_text=_("The reference the flow gave the request, if it gives one."),
    )
    process = GenericForeignKey("process_type", "process_id")
    answers = models.JSONField(
        _("answers"), default=list, blank=True, encoder=DjangoJSONEncoder
    )
    attachments = models.ManyToManyField(
        get_document_model_string(),
        blank=True,
        related_name="request_submissions",
        verbose_name=_("attachments"),
    )

    form_token = models.CharField(
        _("one-time form token"),
        max_length=64,
        blank=True,
        editable=False,
        help_text=_("Set when filed from a form page: that form files only once."),
    )

    class Meta:
        verbose_name = _("request submission")
        verbose_name_plural = _("request submissions")
        ordering = ["-submit_time"]
        indexes = [models.Index(fields=["process_type", "process_id"])]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "form_token"],
                condition=~Q(form_token=""),
                name="request_submission_form_token_once",
            ),
        ]

    @property
    def reference(self) -> str:
        """The number a filer quotes: the flow's own, else e.g. ``R20260315-00042``."""
        if self.process_reference:
            return self.process_reference
        day = timezone.localtime(self.submit_time) if self.submit_time else None
        return f"R{day:%Y%m%d}-{self.pk:05d}" if day and self.pk else ""

    def get_data(self):
        return {
            **super().get_data(),
            "reference": self.reference,
            "filed_by": str(self.user or ""),
            "company": str(self.company or ""),
        }

    def __str__(self) -> str:
        return self.reference
