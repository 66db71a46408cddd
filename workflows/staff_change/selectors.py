from django.db.models import Q, Sum
from viewflow.workflow.status import PROCESS

from .models import StaffChange


def positions_in_use(*, contract_id: int, exclude_pk: int | None = None) -> int:
    """Positions taken by the contract's approved and in-flight changes."""
    counted = StaffChange.objects.filter(contract_id=contract_id).filter(
        Q(status=PROCESS.NEW) | Q(outcome=StaffChange.Decision.APPROVED)
    )
    if exclude_pk is not None:
        counted = counted.exclude(pk=exclude_pk)
    return counted.aggregate(total=Sum("positions"))["total"] or 0
