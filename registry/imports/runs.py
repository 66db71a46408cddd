"""An uploaded import file between its preview and its confirmation."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportRun(models.Model):
    """The file a user previewed; confirming it imports the same bytes.

    A file of more than ``IMPORT_BACKGROUND_ROWS`` rows is previewed and
    imported by the worker (``tasks.py``): the run is queued, then running
    (its progress in the ``imports`` cache, ``progress.py``), then previewed,
    imported or not, with its report kept in ``report``.

    Kept in the database (not a server's temporary folder), so the confirming
    request may reach another server process than the preview did. Its
    ``Meta.permissions`` are the import and export rights of each role.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        PREVIEWED = "previewed", _("Previewed")
        APPLIED = "applied", _("Imported")
        FAILED = "failed", _("Not imported")

    kind = models.CharField(_("kind"), max_length=20)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    company = models.ForeignKey(
        "registry.Company",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("company"),
        help_text=_("The only company whose rows the file may hold (contractors)."),
    )
    file_name = models.CharField(_("file name"), max_length=200)
    content = models.BinaryField(_("content"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PREVIEWED
    )

    class Phase(models.TextChoices):
        PREVIEW = "preview", _("Preview")
        APPLY = "apply", _("Import")

    background = models.BooleanField(_("in the background"), default=False)
    phase = models.CharField(
        _("phase"), max_length=10, choices=Phase.choices, default=Phase.PREVIEW
    )
    rows_total = models.PositiveIntegerField(_("rows"), default=0)
    report = models.JSONField(_("report"), default=dict, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    totals = models.JSONField(_("totals"), default=dict, blank=True)
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    changed_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        default_permissions = ()
        permissions = [
            ("import_staff", _("Can import staff")),
            ("import_sites", _("Can import sites")),
            ("import_contracts", _("Can import contracts")),
            ("import_regions", _("Can import regions")),
            ("export_staff", _("Can export staff")),
            ("export_sites", _("Can export sites")),
            ("export_contracts", _("Can export contracts")),
        ]

    @property
    def busy(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    def __str__(self) -> str:
        return self.file_name
