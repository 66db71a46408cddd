"""What the system writes on a request's history, stored as message keys.

A note is kept as ``{"key": ..., "params": {...}}`` on the transition and
composed in the reader's language when it is shown (the history, the API), so
a Chinese reader and an English reader see the same note each in their own
language, and a corrected translation corrects old history too.

Each module that writes notes declares its messages once::

    ALREADY_LEFT = NoteMessage(
        "staff_change.already_left",
        _("%(name)s had already left on %(date)s: left unchanged."),
        dates=("date",),
    )
    transition_record(..., notes=[ALREADY_LEFT.note(name=..., date=...)])

Dates are stored as ISO dates and written the way the reader's language
writes them; roles as their group name and shown as the role's label in the
reader's language; decimals as their text (15.0 stays 15.0); everything else as given.
"""

from datetime import date
from decimal import Decimal

from django.utils.formats import date_format
from django.utils.functional import Promise

from registry.roles import role_label

_MESSAGES: dict[str, "NoteMessage"] = {}


class NoteMessage:
    """One kind of note: its stable key and its translatable message."""

    def __init__(
        self,
        key: str,
        message: Promise,
        *,
        dates: tuple[str, ...] = (),
        roles: tuple[str, ...] = (),
    ):
        if key in _MESSAGES and _MESSAGES[key].message != message:
            raise ValueError(f"note key {key!r} declared twice")
        self.key, self.message = key, message
        self.dates, self.roles = dates, roles
        _MESSAGES[key] = self

    def note(self, **params) -> dict:
        """The stored form: the key and JSON-safe values."""
        return {"key": self.key, "params": {k: _stored(v) for k, v in params.items()}}

    def render(self, params: dict) -> str:
        values = {name: self._shown(name, value) for name, value in params.items()}
        return str(self.message) % values if values else str(self.message)

    def _shown(self, name: str, value):
        if name in self.dates and isinstance(value, str):
            return date_format(date.fromisoformat(value))
        if name in self.roles and isinstance(value, str):
            return role_label(value)
        return value

    def __str__(self) -> str:  # the message itself, for error texts and tests
        return str(self.message)


def _stored(value):
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def note_render(note: dict) -> str:
    """One stored note in the active language; an unknown key shows as itself."""
    message = _MESSAGES.get(note.get("key", ""))
    params = note.get("params") or {}
    if message is None:
        return note.get("key", "")
    try:
        return message.render(params)
    except (KeyError, TypeError, ValueError):  # values of an older message
        return str(message.message)


def notes_render(notes: list[dict]) -> str:
    return " ".join(filter(None, (note_render(note) for note in notes or [])))
