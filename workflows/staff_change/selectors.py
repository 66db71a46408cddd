from collections import defaultdict

from django.db.models import Q, Sum
from viewflow.workflow.status import PROCESS

from .models import StaffChange, StaffChangePerson


def _counted():
    """The changes the cap counts: in flight or approved."""
    return StaffChange.objects.filter(
        Q(status=PROCESS.NEW) | Q(outcome=StaffChange.Decision.APPROVED)
    )


def positions_in_use(*, contract_id: int, exclude_pk: int | None = None) -> int:
    """Positions taken by the contract's approved and in-flight changes."""
    counted = _counted().filter(contract_id=contract_id)
    if exclude_pk is not None:
        counted = counted.exclude(pk=exclude_pk)
    return counted.aggregate(total=Sum("positions"))["total"] or 0


def positions_in_use_by_contract(contract_ids) -> dict[int, int]:
    """``positions_in_use`` of many contracts in one grouped query."""
    rows = (
        _counted()
        .filter(contract_id__in=contract_ids)
        .values("contract_id")
        .annotate(total=Sum("positions"))
        .order_by()
    )
    return {row["contract_id"]: row["total"] or 0 for row in rows}


def people_pending(
    *, staff_ids, exclude_pk: int | None = None
) -> list[tuple[str, str]]:
    """(name, reference) of each of ``staff_ids`` named in an open staff change."""
    rows = StaffChangePerson.objects.filter(
        staff_id__in=staff_ids, change__status=PROCESS.NEW
    )
    if exclude_pk is not None:
        rows = rows.exclude(change_id=exclude_pk)
    rows = rows.order_by("change__reference", "staff__name")
    return list(rows.values_list("staff__name", "change__reference"))


def people_lines(change_ids) -> dict[int, str]:
    """``+ 张三, 李四 / − 王五`` for each change: who joins, who leaves; one query."""
    rows = StaffChangePerson.objects.filter(change_id__in=change_ids)
    rows = rows.order_by("change_id", "direction", "pk")
    names = defaultdict(lambda: {"in": [], "out": []})
    for change_id, direction, name, staff_name in rows.values_list(
        "change_id", "direction", "name", "staff__name"
    ):
        names[change_id][direction].append(staff_name or name)
    return {
        change_id: " / ".join(
            f"{sign} {', '.join(people[direction])}"
            for sign, direction in (("+", "in"), ("−", "out"))
            if people[direction]
        )
        for change_id, people in names.items()
    }


def cap_usage_for(
    *, contract, kind: str, ins: int, outs: int, exclude_pk: int | None = None
):
    """The cap as ``contract`` stands if a request of ``kind`` with ``ins``
    joiners and ``outs`` leavers were filed now: the same rule the flow routes
    by (``cap_assess``), shown live while the form is filled in.
    """
    from home.rules import current_rules

    from . import rules

    return rules.cap_check(
        headcount=contract.headcount,
        used=positions_in_use(contract_id=contract.pk, exclude_pk=exclude_pk),
        requested=rules.positions_for(kind=kind, ins=ins, outs=outs),
        rules=current_rules(),
    )


def cap_usage_by_contract(contracts) -> dict[int, object]:
    """``cap_usage_for`` (nothing requested) of each of ``contracts``: the
    cap as each stands now, by the same rule, in one query plus the rules."""
    from home.rules import current_rules

    from . import rules

    snapshot = current_rules()
    used = positions_in_use_by_contract([c.pk for c in contracts])
    return {
        contract.pk: rules.cap_check(
            headcount=contract.headcount,
            used=used.get(contract.pk, 0),
            requested=0,
            rules=snapshot,
        )
        for contract in contracts
    }
