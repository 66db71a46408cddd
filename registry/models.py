"""Master data that flows and content share: companies, contracts, sites, staff."""

import uuid

from django.conf import settings
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.lookups import In
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .calendar_sql import SATURDAY, SUNDAY, DayOfWeek


class BilingualName(models.Model):
    """A name in Chinese (primary) and English, shown in the active language."""

    name_zh = models.CharField(_("name (Chinese)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)

    class Meta:
        abstract = True

    @property
    def name(self) -> str:
        if (get_language() or "").startswith("en") and self.name_en:
            return self.name_en
        return self.name_zh

    def __str__(self) -> str:
        return self.name


class Company(BilingualName):
    """A contractor company (代维单位)."""

    code = models.SlugField(_("code"), max_length=30, unique=True)
    hotline = models.CharField(_("24h hotline"), max_length=30)
    contact_name = models.CharField(_("contact person"), max_length=60, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("contractor company")
        verbose_name_plural = _("contractor companies")


class Region(BilingualName):
    """An area of service; its tier sets the on-site SLA (core city ... remote)."""

    class Tier(models.TextChoices):
        CORE_CITY = "core_city", _("Core city")
        DELTA = "delta", _("Delta and plain")
        OTHER = "other", _("Other area")
        REMOTE = "remote", _("Remote area")

    code = models.SlugField(_("code"), max_length=30, unique=True)
    tier = models.CharField(_("SLA tier"), max_length=20, choices=Tier.choices)

    class Meta:
        ordering = ["code"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")


class Contract(models.Model):
    """A maintenance contract: its headcount is fixed by the tender."""

    company = models.ForeignKey(
        Company,
        on_delete=models.PROTECT,
        related_name="contracts",
        verbose_name=_("company"),
    )
    number = models.CharField(_("contract number"), max_length=40)
    title = models.CharField(_("title"), max_length=200, blank=True)
    title_en = models.CharField(
        _("title (English)"),
        max_length=200,
        blank=True,
        help_text=_("Shown instead of the Chinese title when English is chosen."),
    )
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    headcount = models.PositiveIntegerField(
        _("contracted headcount"),
        help_text=_("Number of staff positions fixed by the contract."),
    )
    regions = models.ManyToManyField(
        Region, blank=True, related_name="contracts", verbose_name=_("regions covered")
    )
    quarterly_fee = models.DecimalField(
        _("quarterly fee (yuan)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_(
            "The maintenance fee of one quarter in full; the payment is this "
            "times the factor of the quarter's assessment scores."
        ),
    )

    class Meta:
        ordering = ["company__code", "-period_start"]
        verbose_name = _("contract")
        verbose_name_plural = _("contracts")
        constraints = [
            models.UniqueConstraint(
                fields=["company", "number"], name="contract_number_unique_per_company"
            ),
            models.CheckConstraint(
                condition=Q(period_start__lt=F("period_end")),
                name="contract_period_start_before_end",
                violation_error_message=_("The period must start before it ends."),
            ),
            models.CheckConstraint(
                condition=Q(headcount__gt=0),
                name="contract_headcount_positive",
                violation_error_message=_("The headcount must be at least 1."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} ({self.company})"

    @property
    def localized_title(self) -> str:
        if (get_language() or "").startswith("en") and self.title_en:
            return self.title_en
        return self.title


class Site(BilingualName):
    """A base station, machine room or campus network maintained by one company."""

    class Kind(models.TextChoices):
        BASE_STATION = "base_station", _("Base station")
        MACHINE_ROOM = "machine_room", _("Machine room")
        CAMPUS_NETWORK = "campus_network", _("Campus network")

    code = models.SlugField(_("code"), max_length=40, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="sites", verbose_name=_("region")
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    maintained_by = models.ForeignKey(
        Company,
        on_delete=models.PROTECT,
        related_name="sites",
        verbose_name=_("maintained by"),
    )
    qr_token = models.UUIDField(
        _("QR token"),
        default=uuid.uuid4,
        unique=True,
        editable=False,
        help_text=_("Stable token printed in the site's QR code."),
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
        help_text=_("WGS 84 degrees north, e.g. 30.208400; checks arrivals on site."),
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
        help_text=_("WGS 84 degrees east, e.g. 120.211900."),
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("site")
        verbose_name_plural = _("sites")
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(
                    latitude__isnull=False,
                    longitude__isnull=False,
                    latitude__gte=-90,
                    latitude__lte=90,
                    longitude__gte=-180,
                    longitude__lte=180,
                ),
                name="site_coordinates_both_in_range",
                violation_error_message=_(
                    "Give both latitude and longitude, in degrees, or neither."
                ),
            ),
        ]

    @property
    def located(self) -> bool:
        return self.latitude is not None and self.longitude is not None


class StaffMember(models.Model):
    """A person of a contractor company, from trainee to manager."""

    # Not in Wagtail's reference index: a roster is thousands of rows written by
    # imports and flows, and indexing each save doubled an import's time; what
    # it would list (a company's or contract's staff) the roster pages show,
    # and both keys are PROTECT, so no delete can leave a person dangling.
    wagtail_reference_index_ignore = True

    class Position(models.TextChoices):
        ENGINEER = "engineer", _("Engineer")
        GROUP_LEAD = "group_lead", _("Group lead")
        MANAGER = "manager", _("Manager")

    class Status(models.TextChoices):
        TRAINEE = "trainee", _("Trainee")
        ON_DUTY = "on_duty", _("On duty")
        ON_LEAVE = "on_leave", _("On leave")
        LEFT = "left", _("Left")

    company = models.ForeignKey(
        Company,
        on_delete=models.PROTECT,
        related_name="staff",
        verbose_name=_("company"),
    )
    contract = models.ForeignKey(
        Contract,
        on_delete=models.PROTECT,
        related_name="staff",
        null=True,
        blank=True,
        verbose_name=_("contract"),
    )
    employee_no = models.CharField(_("employee number"), max_length=30)
    name = models.CharField(_("name"), max_length=60)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    position = models.CharField(
        _("position"),
        max_length=20,
        choices=Position.choices,
        default=Position.ENGINEER,
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.TRAINEE
    )
    team = models.CharField(
        _("work group"),
        max_length=60,
        blank=True,
        help_text=_("The maintenance group the person works in."),
    )
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        related_name="staff",
        null=True,
        blank=True,
        verbose_name=_("area"),
    )
    qualifications = models.CharField(
        _("qualifications"),
        max_length=200,
        blank=True,
        help_text=_("Certificates held, e.g. electrician licence, working at height."),
    )
    certificate_expiry = models.DateField(
        _("certificate expiry"), null=True, blank=True
    )
    joined_on = models.DateField(_("joined on"))
    left_on = models.DateField(_("left on"), null=True, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="staff_record",
        verbose_name=_("portal account"),
    )

    class Meta:
        ordering = ["company__code", "employee_no"]
        verbose_name = _("staff member")
        verbose_name_plural = _("staff members")
        constraints = [
            models.UniqueConstraint(
                fields=["company", "employee_no"],
                name="staff_employee_no_unique_per_company",
            ),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=F("joined_on")),
                name="staff_left_after_joined",
                violation_error_message=_("A person cannot leave before joining."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.employee_no})"

    def clean(self):
        if self.contract_id and self.contract.company_id != self.company_id:
            raise ValidationError(
                {"contract": _("The contract belongs to another company.")}
            )


class Membership(models.Model):
    """Ties a portal user to the one contractor company they work for."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="membership",
        verbose_name=_("user"),
    )
    company = models.ForeignKey(
        Company,
        on_delete=models.CASCADE,
        related_name="members",
        verbose_name=_("company"),
    )

    class Meta:
        verbose_name = _("company membership")
        verbose_name_plural = _("company memberships")

    def __str__(self) -> str:
        return f"{self.user} → {self.company}"


class CalendarSource(models.TextChoices):
    PACKAGE = "package", _("chinesecalendar package")
    ADMIN = "admin", _("Entered by an admin")


class CalendarDayKind(models.TextChoices):
    HOLIDAY = "holiday", _("Public holiday (day off)")
    WORKING_DAY = "working_day", _("Adjusted working day")


class CalendarYear(models.Model):
    """A year whose statutory holidays and adjusted working days are entered.

    Working-day deadlines in a year without this record count Monday to Friday
    only, and the admin dashboard warns about the current and the next year.
    """

    Source = CalendarSource

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    source = models.CharField(
        _("source"),
        max_length=20,
        choices=Source.choices,
        default=Source.ADMIN,
        help_text=_(
            "Years from the package are updated to match newer package versions by "
            "the sync_working_calendar command; years entered by an admin are never "
            "changed by it. Choose 'Entered by an admin' after correcting any day "
            "of a package year."
        ),
    )
    notes = models.TextField(
        _("notes"),
        blank=True,
        help_text=_("For example the State Council notice the days come from."),
    )

    class Meta:
        ordering = ["-year"]
        verbose_name = _("working calendar year")
        verbose_name_plural = _("working calendar years")
        constraints = [
            models.CheckConstraint(
                condition=Q(year__gte=2000, year__lte=2100),
                name="calendar_year_in_range",
                violation_error_message=_("The year must be between 2000 and 2100."),
            ),
            models.CheckConstraint(
                condition=Q(source__in=CalendarSource.values),
                name="calendar_year_source_valid",
            ),
        ]

    def __str__(self) -> str:
        return str(self.year)


class CalendarDay(BilingualName):
    """A date off the Monday-to-Friday rule: a public holiday or a worked weekend day.

    Named after the holiday it belongs to (春节 / Spring Festival); an adjusted
    working day (调休) carries the name of the holiday it makes up for.
    """

    Kind = CalendarDayKind

    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=Kind.choices,
        help_text=_(
            "A public holiday is a day off even on a weekday; an adjusted working "
            "day is a Saturday or Sunday worked in exchange for a holiday."
        ),
    )

    class Meta:
        ordering = ["-date"]
        verbose_name = _("working calendar day")
        verbose_name_plural = _("working calendar days")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=CalendarDayKind.values),
                name="calendar_day_kind_valid",
            ),
            models.CheckConstraint(
                condition=Q(kind=CalendarDayKind.HOLIDAY)
                | Q(In(DayOfWeek("date"), [SUNDAY, SATURDAY])),
                name="calendar_day_working_day_on_weekend",
                violation_error_message=_(
                    "An adjusted working day must be a Saturday or Sunday."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date.isoformat()} {self.name}"

    @admin.display(description=_("day of the week"))
    def weekday(self) -> str:
        return date_format(self.date, "l")


from .imports.runs import ImportRun  # noqa: E402, F401  (a model of this app)
