from datetime import date

from django.db.models import Q, QuerySet
from viewflow.workflow.status import PROCESS

from registry.models import Company, StaffMember

from .models import ACKNOWLEDGED, TempLead


def _standing() -> QuerySet[TempLead]:
    """Stand-in terms that hold their dates: acknowledged or reported."""
    return TempLead.objects.filter(Q(status=PROCESS.NEW) | Q(outcome=ACKNOWLEDGED))


def temp_leads_standing(*, company_id: int) -> QuerySet[TempLead]:
    """The company's stand-ins that hold their dates: acknowledged or reported."""
    return _standing().filter(company_id=company_id)


def temp_leads_overlapping(
    *, company_id: int, start: date, end: date
) -> QuerySet[TempLead]:
    return temp_leads_standing(company_id=company_id).filter(
        start_date__lte=end, end_date__gte=start
    )


def temp_leads_naming(
    *, stand_in_id: int, start: date, end: date
) -> QuerySet[TempLead]:
    """Standing terms (reported or acknowledged) of the stand-in in start..end."""
    return _standing().filter(
        stand_in_id=stand_in_id, start_date__lte=end, end_date__gte=start
    )


def acting_lead_for(company: Company, day: date) -> StaffMember | None:
    """The stand-in the carrier acknowledged as ``company``'s lead on ``day``."""
    term = (
        TempLead.objects.filter(
            company_id=company.pk,
            outcome=ACKNOWLEDGED,
            start_date__lte=day,
            end_date__gte=day,
        )
        .select_related("stand_in")
        .order_by("-acknowledged_at")
        .first()
    )
    return term.stand_in if term is not None else None
