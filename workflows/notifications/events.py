"""The kinds of event that notify people, and the message each one says.

A message is stored as its key and parameters (``workflows.notes``) and
composed in the reader's language when shown, mailed or posted. A parameter
given in both languages (``{"zh-hans": ..., "en": ...}``, see ``both``) is
shown in the reader's.
"""

from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from ..notes import NoteMessage


class NotifyMessage(NoteMessage):
    """A note whose parameters may come in both languages."""

    def _shown(self, name, value):
        if isinstance(value, dict):
            language = translation.get_language() or "zh-hans"
            return value.get(language) or value.get("zh-hans") or ""
        return super()._shown(name, value)


def both(zh: str, en: str) -> dict:
    """A parameter in both languages (English falls back to the Chinese)."""
    return {"zh-hans": zh, "en": en or zh}


def named(thing) -> dict:
    """A company's, site's or region's name in both languages."""
    return both(thing.name_zh, thing.name_en)


@dataclass(frozen=True)
class EventType:
    key: str
    label: object  # a lazy translation
    message: NotifyMessage
    email_default: bool  # mailed unless the user opts out (otherwise opt-in)


FAULT_DISPATCHED = "faults.dispatched"
FAULT_WARNING = "faults.sla_warning"
FAULT_ESCALATED = "faults.sla_escalated"
FAULT_CHASED = "faults.chased"
LOG_URGENT = "obligations.urgent"
INSPECTION_FINDING = "inspection.finding"
TASK_ASSIGNED = "tasks.assigned"

EVENTS: dict[str, EventType] = {
    event.key: event
    for event in (
        EventType(
            FAULT_DISPATCHED,
            _("Fault ticket dispatched to my company"),
            NotifyMessage(
                "notify.faults.dispatched",
                _("Fault ticket %(reference)s, level %(level)s at %(site)s: %(text)s"),
            ),
            email_default=True,
        ),
        EventType(
            FAULT_WARNING,
            _("Fault ticket nearing its SLA limit"),
            NotifyMessage(
                "notify.faults.sla_warning",
                _(
                    "Fault ticket %(reference)s at %(site)s: %(percent)s%% of "
                    "its restore time has passed."
                ),
            ),
            email_default=True,
        ),
        EventType(
            FAULT_ESCALATED,
            _("Fault ticket past its SLA limit"),
            NotifyMessage(
                "notify.faults.sla_escalated",
                _(
                    "Fault ticket %(reference)s at %(site)s passed its SLA limit "
                    "without being restored."
                ),
            ),
            email_default=True,
        ),
        EventType(
            FAULT_CHASED,
            _("Fault ticket chased"),
            NotifyMessage(
                "notify.faults.chased",
                _("Fault ticket %(reference)s at %(site)s was chased: %(text)s"),
            ),
            email_default=True,
        ),
        EventType(
            LOG_URGENT,
            _("Urgent work-log entry"),
            NotifyMessage(
                "notify.obligations.urgent",
                _("Urgent log entry (%(code)s) from %(person)s, %(company)s: %(text)s"),
            ),
            email_default=True,
        ),
        EventType(
            INSPECTION_FINDING,
            _("Inspection finding"),
            NotifyMessage(
                "notify.inspection.finding",
                _("Inspection finding at %(site)s (%(company)s): %(text)s"),
            ),
            email_default=False,
        ),
        EventType(
            TASK_ASSIGNED,
            _("Task moved to me"),
            NotifyMessage(
                "notify.tasks.assigned",
                _("%(step)s of %(reference)s was moved to you by %(person)s."),
            ),
            email_default=False,
        ),
    )
}
EVENT_CHOICES = [(event.key, event.label) for event in EVENTS.values()]
