"""The ledgers (台账): spare parts lent by the carrier, keys, fixed assets."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from registry.models import Company, Site, StaffMember


class PartState(models.TextChoices):
    IN_STORE = "in_store", _("In store")
    IN_USE = "in_use", _("In use")
    BROKEN = "broken", _("Broken")
    AT_REPAIR = "at_repair", _("At repair")
    RETURNED = "returned", _("Returned")


class Part(models.Model):
    """A spare part (备件) the carrier lent to a contractor company."""

    State = PartState

    class Kind(models.TextChoices):
        BOARD = "board", _("Board")
        MODULE = "module", _("Optical module")
        POWER = "power", _("Power unit")
        ANTENNA = "antenna", _("Antenna")
        OTHER = "other", _("Other part")

    part_number = models.CharField(_("part number"), max_length=60)
    serial = models.CharField(_("serial number"), max_length=60)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    holder = models.ForeignKey(
        Company,
        on_delete=models.PROTECT,
        related_name="parts",
        verbose_name=_("holder"),
    )
    site = models.ForeignKey(
        Site,
        on_delete=models.PROTECT,
        related_name="parts",
        null=True,
        blank=True,
        verbose_name=_("site"),
    )
    store = models.CharField(_("store"), max_length=120, blank=True)
    state = models.CharField(
        _("state"), max_length=20, choices=PartState.choices, default=PartState.IN_STORE
    )
    broken_on = models.DateField(_("broken on"), null=True, blank=True)
    repair_due = models.DateField(_("due for repair by"), null=True, blank=True)
    late = models.BooleanField(
        _("sent for repair late"),
        default=False,
        help_text=_("Set when the part was sent for repair after its due day."),
    )

    class Meta:
        ordering = ["part_number", "serial"]
        verbose_name = _("spare part")
        verbose_name_plural = _("spare parts")
        constraints = [
            models.UniqueConstraint(
                fields=["part_number", "serial"], name="ledger_part_serial_unique"
            ),
            models.CheckConstraint(
                condition=Q(state__in=PartState.values), name="ledger_part_state_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.part_number} / {self.serial}"

    @property
    def place(self) -> str:
        return str(self.site) if self.site_id else self.store


class PartMove(models.Model):
    """One movement of a part: who, when, from which state to which."""

    part = models.ForeignKey(
        Part, on_delete=models.CASCADE, related_name="moves", verbose_name=_("part")
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("at"))
    from_state = models.CharField(
        _("from"), max_length=20, choices=PartState.choices, blank=True
    )
    to_state = models.CharField(_("to"), max_length=20, choices=PartState.choices)
    note = models.CharField(_("note"), max_length=200, blank=True)
    late = models.BooleanField(_("late"), default=False)
    rules_revision = models.PositiveIntegerField(
        _("rules revision"), null=True, blank=True
    )

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("part movement")
        verbose_name_plural = _("part movements")


class Key(models.Model):
    """A key or a door code (钥匙) of a site, held by a contractor company."""

    class Kind(models.TextChoices):
        KEY = "key", _("Key")
        DOOR_CODE = "door_code", _("Door code")

    code = models.SlugField(_("key number"), max_length=40, unique=True)
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.KEY
    )
    label = models.CharField(_("label"), max_length=120)
    site = models.ForeignKey(
        Site, on_delete=models.PROTECT, related_name="keys", verbose_name=_("site")
    )
    holder = models.ForeignKey(
        Company, on_delete=models.PROTECT, related_name="keys", verbose_name=_("holder")
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("key")
        verbose_name_plural = _("keys")

    def __str__(self) -> str:
        return f"{self.code} {self.label}"


class KeyLoan(models.Model):
    """A key signed out to one named person and, later, signed back in."""

    key = models.ForeignKey(
        Key, on_delete=models.CASCADE, related_name="loans", verbose_name=_("key")
    )
    person = models.ForeignKey(
        StaffMember,
        on_delete=models.PROTECT,
        related_name="key_loans",
        verbose_name=_("person"),
    )
    out_at = models.DateTimeField(_("signed out at"))
    due_back = models.DateTimeField(_("due back"))
    returned_at = models.DateTimeField(_("signed in at"), null=True, blank=True)
    out_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("signed out by"),
    )
    in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("signed in by"),
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["-out_at", "-pk"]
        verbose_name = _("key sign-out")
        verbose_name_plural = _("key sign-outs")
        constraints = [
            models.UniqueConstraint(
                fields=["key"],
                condition=Q(returned_at__isnull=True),
                name="ledger_one_open_loan_per_key",
            ),
            models.CheckConstraint(
                condition=Q(due_back__gt=models.F("out_at")),
                name="ledger_loan_due_after_out",
            ),
        ]


class Asset(models.Model):
    """A fixed asset (固定资产) of a site, agreed with the carrier at the start."""

    tag = models.CharField(_("asset label"), max_length=60, unique=True)
    name = models.CharField(_("description"), max_length=120)
    serial = models.CharField(_("serial number"), max_length=60, blank=True)
    site = models.ForeignKey(
        Site, on_delete=models.PROTECT, related_name="assets", verbose_name=_("site")
    )
    agreed_on = models.DateField(_("agreed on"))
    removed = models.BooleanField(_("removed"), default=False)

    class Meta:
        ordering = ["site__code", "tag"]
        verbose_name = _("fixed asset")
        verbose_name_plural = _("fixed assets")

    def __str__(self) -> str:
        return f"{self.tag} {self.name}"


class AssetEvent(models.Model):
    """One change of an asset; a label change is its own reported event."""

    class Kind(models.TextChoices):
        ADDED = "added", _("Added")
        MOVED = "moved", _("Moved")
        REMOVED = "removed", _("Removed")
        LABEL_CHANGED = "label_changed", _("Label changed")

    asset = models.ForeignKey(
        Asset, on_delete=models.CASCADE, related_name="events", verbose_name=_("asset")
    )
    kind = models.CharField(_("change"), max_length=20, choices=Kind.choices)
    at = models.DateTimeField(_("at"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("by"),
    )
    from_site = models.ForeignKey(
        Site, on_delete=models.PROTECT, null=True, related_name="+"
    )
    to_site = models.ForeignKey(
        Site, on_delete=models.PROTECT, null=True, related_name="+"
    )
    old_label = models.CharField(_("old label"), max_length=60, blank=True)
    new_label = models.CharField(_("new label"), max_length=60, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    # The request the change was made in (a site visit's check-out), if any.
    process = models.ForeignKey(
        "viewflow.Process",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="asset_events",
        verbose_name=_("request"),
    )
    reference = models.CharField(_("request reference"), max_length=30, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("asset change")
        verbose_name_plural = _("asset changes")
