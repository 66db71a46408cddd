"""Where a month's deduction events come from: one collector per source.

A collector is ``(company, start, end) -> iterable of Collected`` for the
events of ``company`` that happened in ``[start, end)`` (aware datetimes);
each row names its event type (a ``DeductionEvent`` value), the row it came
from (any model instance: the assessment line links to it), when it happened
and a few JSON-safe details shown on the line. A source registers its
collector once, when its app loads::

    register_collector("faults.overdue", overdue_tickets)

Drafting runs every registered collector; a source that lacks a collector
simply raises no events. The collectors of the sources in this package's
reach are registered in ``register_builtin()`` (called from ``apps.py``).
"""

from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from typing import NamedTuple

from django.db.models import Q
from django.utils import timezone

from home.models import DeductionEvent


class Collected(NamedTuple):
    event: str
    source: object
    occurred_at: datetime
    detail: dict
    # Two events of one source (a missing thing has no row of its own).
    key: str = ""


Collector = Callable[[object, datetime, datetime], Iterable[Collected]]
_COLLECTORS: dict[str, Collector] = {}


def register_collector(key: str, collector: Collector) -> None:
    _COLLECTORS[key] = collector


def collectors() -> dict[str, Collector]:
    return dict(_COLLECTORS)


def collect(company, start: datetime, end: datetime) -> list[tuple[str, Collected]]:
    """Every event of ``company`` in ``[start, end)``: (collector key, row)."""
    return [
        (key, row)
        for key, collector in _COLLECTORS.items()
        for row in collector(company, start, end)
    ]


def overdue_tickets(company, start, end):
    """A ticket past its SLA limit, counted in the month the limit passed."""
    from workflows.faults.models import FaultTicket

    tickets = FaultTicket.objects.filter(
        company=company, overdue=True, sla_due_at__gte=start, sla_due_at__lt=end
    ).only("pk", "reference", "sla_due_at")
    for ticket in tickets:
        yield Collected(
            DeductionEvent.OVERDUE_TICKET,
            ticket,
            ticket.sla_due_at,
            {"reference": ticket.reference, "request": ticket.pk},
        )


def failed_rechecks(company, start, end):
    """The carrier sent a restored ticket back: it failed the re-check."""
    from workflows.faults.models import FaultTicket
    from workflows.models import Transition

    returns = Transition.objects.filter(
        request__company=company,
        request__in=FaultTicket.objects.filter(company=company).values("pk"),
        action=Transition.Action.RETURNED,
        at__gte=start,
        at__lt=end,
    ).select_related("request")
    for back in returns:
        yield Collected(
            DeductionEvent.FAILED_RECHECK,
            back,
            back.at,
            {"reference": back.request.reference, "request": back.request_id},
        )


def failed_inspection_rechecks(company, start, end):
    """The carrier re-checked a sampled inspection and it failed."""
    from workflows.inspection.selectors import failed_rechecks as failed

    for recheck in failed(company=company, start=start, end=end):
        site = recheck.execution.row.site
        yield Collected(
            DeductionEvent.FAILED_RECHECK,
            recheck,
            recheck.checked_at,
            {"site": site.code, "recheck": recheck.pk},
        )


def obligation_lapses(company, start, end):
    """Late and missing work logs and reports (``workflows.obligations``),
    counted in the month their due time passed, since the obligation rules
    were first published. A missing log links to its
    person and a missing report to the company, keyed by day or period."""
    from home.models import ObligationRules
    from registry.calendar import CALENDAR_ZONE
    from workflows.obligations.selectors import lapses_for

    # Owed from the day the carrier first published the obligation rules: a
    # month before the portal kept logs and reports cannot have missed them.
    begun = ObligationRules.objects.values_list("first_published_at", flat=True)
    begun = begun.first()
    if begun is None or begun >= end:
        return
    start = max(start, begun)
    first = start.astimezone(CALENDAR_ZONE).date()
    last = (end - timedelta(microseconds=1)).astimezone(CALENDAR_ZONE).date()
    for lapse in lapses_for(company=company, start=first, end=last):
        if not start <= lapse.due_at < end:
            continue
        yield _lapse_row(company, lapse)


def _lapse_row(company, lapse) -> Collected:
    due = lapse.due_at.astimezone(timezone.get_current_timezone())
    if lapse.person is not None:
        detail = {"person": lapse.person.name, "day": due.date().isoformat()}
        source = lapse.source or lapse.person
        key = "" if lapse.source else f"log:{due.date().isoformat()}"
        return Collected(lapse.kind, source, lapse.due_at, detail, key)
    report = lapse.report
    detail = {"report": report.kind, "period": report.period_start.isoformat()}
    if lapse.source is not None:
        return Collected(lapse.kind, lapse.source, lapse.due_at, detail)
    key = f"report:{report.kind}:{report.period_start.isoformat()}"
    return Collected(lapse.kind, company, lapse.due_at, detail, key)


def late_plans(company, start, end):
    """An inspection plan first submitted after its due day."""
    from workflows.inspection.models import InspectionPlan

    plans = InspectionPlan.objects.filter(
        company=company, late=True, created__gte=start, created__lt=end
    ).only("pk", "reference", "created")
    for plan in plans:
        yield Collected(
            DeductionEvent.LATE_PLAN,
            plan,
            plan.created,
            {"reference": plan.reference, "request": plan.pk},
        )


def late_part_returns(company, start, end):
    """A broken spare part sent for repair after its due day (ledgers)."""
    from ledgers.models import PartMove

    moves = PartMove.objects.filter(
        part__holder=company, late=True, at__gte=start, at__lt=end
    ).select_related("part")
    for move in moves:
        yield Collected(
            DeductionEvent.LATE_PART_RETURN,
            move,
            move.at,
            {"part": str(move.part), "part_id": move.part_id},
        )


# Steps whose lateness is already another event (an overdue ticket) or is
# the carrier's own: only the contractor's own late steps are its deductions.
NOT_DOCUMENTS = ("faults.accept", "faults.restore")


def contractor_steps() -> set[str]:
    from workflows.deadlines import assigned_due_keys
    from workflows.steps import registered_steps

    keys = {step.key for step in registered_steps() if step.company_scoped}
    keys |= assigned_due_keys()
    return {
        key
        for key in keys
        if key not in NOT_DOCUMENTS and not key.startswith("assessment.")
    }


def late_steps(company, start, end):
    """A contractor's step done after its time limit (or still open past it),
    counted in the month its due time passed: a late or missing document."""
    from workflows.models import StepDeadline

    now = timezone.now()
    late = Q(late=True) | Q(closed_at__isnull=True, due_at__lt=now)
    rows = StepDeadline.objects.filter(
        late,
        request__company=company,
        step__in=contractor_steps(),
        due_at__gte=start,
        due_at__lt=end,
    ).select_related("request")
    for row in rows:
        yield Collected(
            DeductionEvent.LATE_DOCUMENT,
            row,
            row.due_at,
            {
                "reference": row.request.reference,
                "request": row.request_id,
                "step": row.step,
            },
        )


def manual_entries(company, start, end):
    """What the carrier entered by hand, with its evidence."""
    from .models import ManualDeduction

    entries = ManualDeduction.objects.filter(
        company=company, occurred_at__gte=start, occurred_at__lt=end
    )
    for entry in entries:
        yield Collected(entry.event, entry, entry.occurred_at, {})


def register_builtin() -> None:
    register_collector("faults.overdue", overdue_tickets)
    register_collector("faults.recheck", failed_rechecks)
    register_collector("inspection.recheck", failed_inspection_rechecks)
    register_collector("inspection.late_plan", late_plans)
    register_collector("ledgers.late_part", late_part_returns)
    register_collector("steps.late", late_steps)
    register_collector("obligations.lapses", obligation_lapses)
    register_collector("manual", manual_entries)
