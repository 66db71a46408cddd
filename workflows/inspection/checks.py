"""Writes of the carrier's checks: the monthly re-check sample, the carrier's
re-check, the yearly spot check. Draws are idempotent: one per company and
period (a database constraint); a second call returns the first draw."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home.rules import current_rules
from registry.calendar import local_today
from registry.models import Company, Site
from registry.roles import is_carrier

from . import check_rules
from .execution import _photo
from .models import Execution, Recheck, RecheckDraw, SpotCheck, SpotCheckDraw

CARRIER_ONLY = _("Only the carrier re-checks inspections.")
FAIL_NEEDS_NOTE = _("Say what was wrong.")
FAIL_NEEDS_PHOTO = _("Add a photo of what was wrong.")
ALREADY_CHECKED = _("This inspection has already been re-checked.")


def recheck_draw(*, company: Company, year: int, month: int) -> RecheckDraw:
    """Draw the month's sample of the company's completed inspections, once."""
    existing = RecheckDraw.objects.filter(company=company, year=year, month=month)
    if (draw := existing.first()) is not None:
        return draw
    deadlines = current_rules().deadlines
    seed = check_rules.draw_seed(company_id=company.pk, year=year, month=month)
    candidates = Execution.objects.filter(
        company=company,
        row__plan__year=year,
        row__month=month,
        submitted_at__isnull=False,
    ).values_list("pk", flat=True)
    size = deadlines.recheck_sample_size
    chosen = check_rules.sample_draw(candidates=candidates, size=size, seed=seed)
    try:
        with transaction.atomic():
            draw = RecheckDraw.objects.create(
                company=company,
                year=year,
                month=month,
                seed=seed,
                sample_size=size,
                rules_revision_id=deadlines.revision_id,
            )
            Recheck.objects.bulk_create(
                Recheck(draw=draw, execution_id=pk, company=company) for pk in chosen
            )
    except IntegrityError:  # another sweep drew it first
        return existing.get()
    return draw


def spot_check_draw(*, company: Company, year: int) -> SpotCheckDraw:
    """Draw the year's spot-checked sites of the company, once."""
    existing = SpotCheckDraw.objects.filter(company=company, year=year)
    if (draw := existing.first()) is not None:
        return draw
    deadlines = current_rules().deadlines
    seed = check_rules.draw_seed(company_id=company.pk, year=year)
    sites = list(
        Site.objects.filter(maintained_by=company).values_list("pk", flat=True)
    )
    size = check_rules.spot_check_size(
        site_count=len(sites), percent=deadlines.spot_check_percent
    )
    chosen = check_rules.sample_draw(candidates=sites, size=size, seed=seed)
    try:
        with transaction.atomic():
            draw = SpotCheckDraw.objects.create(
                company=company,
                year=year,
                seed=seed,
                percent=deadlines.spot_check_percent,
                site_count=len(sites),
                rules_revision_id=deadlines.revision_id,
            )
            SpotCheck.objects.bulk_create(
                SpotCheck(draw=draw, site_id=pk) for pk in chosen
            )
    except IntegrityError:
        return existing.get()
    return draw


def draws_due(today=None) -> int:
    """The sweep: last month's re-check samples and this year's spot checks
    that are not drawn yet; the number drawn. Cheap when all are drawn."""
    today = today or local_today()
    year, month = check_rules.previous_month(year=today.year, month=today.month)
    companies = list(Company.objects.only("pk"))
    drawn_monthly = set(
        RecheckDraw.objects.filter(year=year, month=month).values_list(
            "company_id", flat=True
        )
    )
    drawn_yearly = set(
        SpotCheckDraw.objects.filter(year=today.year).values_list(
            "company_id", flat=True
        )
    )
    count = 0
    for company in companies:
        if company.pk not in drawn_monthly:
            recheck_draw(company=company, year=year, month=month)
            count += 1
        if company.pk not in drawn_yearly:
            spot_check_draw(company=company, year=today.year)
            count += 1
    return count


def _carrier_check(user) -> None:
    if not is_carrier(user):
        raise PermissionDenied(CARRIER_ONLY)


def recheck_record(*, recheck: Recheck, user, passed: bool, note="", upload=None):
    """The carrier's verdict: passed, or failed with a note and a photo."""
    _carrier_check(user)
    note = (note or "").strip()
    if not passed:
        errors = {}
        if not note:
            errors["note"] = FAIL_NEEDS_NOTE
        if not upload:
            errors["photo"] = FAIL_NEEDS_PHOTO
        if errors:
            raise ValidationError(errors)
        try:
            photo = _photo(upload)
        except ValidationError as error:
            raise ValidationError({"photo": error.messages}) from None
    with transaction.atomic():
        recheck = Recheck.objects.select_for_update().get(pk=recheck.pk)
        if recheck.checked_at is not None:
            raise ValidationError(ALREADY_CHECKED)
        recheck.result = Recheck.Result.PASSED if passed else Recheck.Result.FAILED
        recheck.note = note
        if not passed:
            recheck.photo = photo
        recheck.checked_at, recheck.checked_by = timezone.now(), user
        recheck.full_clean(exclude=["draw", "execution", "company", "checked_by"])
        recheck.save()
    return recheck


def spot_check_done(*, spot: SpotCheck, user, note: str = "") -> SpotCheck:
    _carrier_check(user)
    with transaction.atomic():
        spot = SpotCheck.objects.select_for_update().get(pk=spot.pk)
        if spot.done_at is None:
            spot.done_at, spot.done_by = timezone.now(), user
            spot.note = (note or "").strip()
            spot.save(update_fields=["done_at", "done_by", "note"])
    return spot
