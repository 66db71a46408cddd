"""An uploaded import file between its preview and its confirmation."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportRun(models.Model):
    """The file a user previewed; confirming it imports the same bytes.

    Kept in the database (not a server's temporary folder), so the confirming
    request may reach another server process than the preview did. Its
    ``Meta.permissions`` are the import and export rights of each role.
    """

    class Status(models.TextChoices):
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
    totals = models.JSONField(_("totals"), default=dict, blank=True)
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

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

    def __str__(self) -> str:
        return self.file_name
