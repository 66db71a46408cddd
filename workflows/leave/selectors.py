from datetime import date

from django.db.models import Q, QuerySet
from viewflow.workflow.status import PROCESS

from .models import Leave


def leave_standing(*, person_id: int) -> QuerySet[Leave]:
    """The person's leave that holds its dates: approved, or still in flight."""
    return Leave.objects.filter(person_id=person_id).filter(
        Q(status=PROCESS.NEW) | Q(outcome=Leave.Decision.APPROVED)
    )


def leave_overlapping(
    *, person_id: int, start: date, end: date, exclude_pk: int | None = None
) -> QuerySet[Leave]:
    """Standing leave of the person sharing at least one day with start..end."""
    leaves = leave_standing(person_id=person_id).filter(
        start_date__lte=end, end_date__gte=start
    )
    return leaves.exclude(pk=exclude_pk) if exclude_pk else leaves


def leave_covering(*, person_id: int, day: date) -> QuerySet[Leave]:
    """The person's approved leave that includes ``day``."""
    return Leave.objects.filter(
        person_id=person_id,
        outcome=Leave.Decision.APPROVED,
        start_date__lte=day,
        end_date__gte=day,
    )
