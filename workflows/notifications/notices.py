"""Notices of the shared parts of the flows (a task moved to someone).

Each flow's own notices live in its package (``faults/notices.py``).
"""

from django.urls import reverse
from django.utils import translation

from . import events
from .services import notification_send


def _in_both(text) -> dict:
    """A lazy text (a step's title) in both languages."""
    said = {}
    for language in ("zh-hans", "en"):
        with translation.override(language):
            said[language] = str(text)
    return said


def task_moved_notify(*, task, request, actor) -> None:
    """The new holder of a reassigned task hears who moved it to them."""
    notification_send(
        event=events.TASK_ASSIGNED,
        recipients=[task.owner_id],
        context={
            "step": _in_both(task.flow_task.task_title),
            "reference": request.reference,
            "person": actor.get_full_name() or actor.username,
        },
        company_id=request.company_id,
        link=reverse("workflows:request", args=[request.pk]),
    )
