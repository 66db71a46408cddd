"""Plain dicts for the API's output schemas; one place per shape."""

from django.db.models import Prefetch, QuerySet

from ..models import Transition

ROUTED_STEPS = "routed_steps"


def person_name(user) -> str | None:
    return (user.get_full_name() or user.username) if user else None


def with_routing(requests: QuerySet) -> QuerySet:
    """Prefetch each request's routing records, newest first, in one query."""
    routed = Transition.objects.filter(action=Transition.Action.ROUTED)
    return requests.prefetch_related(
        Prefetch(
            "transitions",
            queryset=routed.order_by("-at", "-pk"),
            to_attr=ROUTED_STEPS,
        )
    )


def last_routed(request_obj) -> Transition | None:
    """The latest routing record of a request read through ``with_routing``."""
    steps = getattr(request_obj, ROUTED_STEPS)
    return steps[0] if steps else None


def history_out(request_obj) -> list[dict]:
    return [
        {
            "at": step.at,
            "actor": person_name(step.actor),
            "action": step.action,
            "comment": step.comment,
            "note": step.note_text,
            "rules": step.rules,
        }
        for step in request_obj.transitions.select_related("actor")
    ]


def request_out(request_obj) -> dict:
    return {
        "id": request_obj.pk,
        "reference": request_obj.reference,
        "summary": request_obj.title,
        "company": str(request_obj.company),
        "requester": person_name(request_obj.requester),
        "status": request_obj.status,
        "outcome": request_obj.outcome,
        "is_exception": request_obj.is_exception,
        "created": request_obj.created,
        "due_at": request_obj.due_at,
        "answers": request_obj.answers,
    }
