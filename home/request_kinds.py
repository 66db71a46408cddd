"""The registry through which a request form page reaches its flow.

``home`` never imports ``workflows``: each flow package registers its kind of
request from its ``AppConfig.ready()``, and a form page picks a kind by key::

    from home.request_kinds import RequestKind, TypedFieldsForm, register

    class LeaveFields(TypedFieldsForm):
        first_day = forms.DateField(label=_("First day"))
        last_day = forms.DateField(label=_("Last day"))

    register(RequestKind(
        key="leave",
        label=_("Leave"),
        typed_form=LeaveFields,
        start=leave_request_start,   # see ``RequestKind.start``
    ))
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.core.exceptions import ImproperlyConfigured


class TypedFieldsForm(forms.Form):
    """A convenient base for a kind's typed fields: the fields its flow needs.

    Any Django form whose ``__init__`` takes a ``user`` keyword will do (the
    form page passes the person filing, so choices can be scoped to their
    company); the page renders its fields first, and the admin cannot remove
    or shadow them. ``clean()`` may check the fields against each other.
    """

    def __init__(self, *args, user=None, **kwargs):
        kwargs.setdefault("label_suffix", "")
        self.user = user
        super().__init__(*args, **kwargs)


@dataclass(frozen=True)
class RequestKind:
    """One kind of request a form page can file, and how its flow starts.

    ``start`` is called with keyword arguments only, inside the form page's
    ``transaction.atomic`` block, and returns the process it started::

        start(*, user, company, typed_data, extra_answers, attachments) -> process

    ``typed_form`` is a form class taking ``user=`` (see ``TypedFieldsForm``).
    ``company`` is the filer's contractor company (``company_of(user)``, None for
    carrier users), never taken from the posted data; ``typed_data`` is the
    ``cleaned_data`` of ``typed_form``; ``extra_answers`` the admin's extra
    fields as ``[{"name", "label", "value", "kind"}]``; ``attachments`` the
    Wagtail documents stored for file fields. Raising ``ValidationError``
    re-renders the form with its message and writes nothing; any other
    exception writes nothing either and propagates.

    ``permission``: when set, only users holding it may open and submit the
    form. ``url_for``: the address of the started request (its page in the
    flow); without it the form page shows its own thank-you page.
    """

    key: str
    label: Any
    start: Callable[..., Any]
    typed_form: type[forms.BaseForm] = TypedFieldsForm
    description: Any = ""
    permission: str | None = None
    url_for: Callable[[Any], str] | None = field(default=None)

    @property
    def typed_field_names(self) -> frozenset[str]:
        return frozenset(self.typed_form.base_fields)


_KINDS: dict[str, RequestKind] = {}


def register(kind: RequestKind) -> RequestKind:
    """Add ``kind``; registering the same key twice is a configuration error."""
    if not issubclass(kind.typed_form, forms.BaseForm):
        raise ImproperlyConfigured(
            f"Request kind {kind.key!r}: typed_form must be a Django form class."
        )
    existing = _KINDS.get(kind.key)
    if existing is not None and existing != kind:
        raise ImproperlyConfigured(f"Request kind {kind.key!r} is registered twice.")
    _KINDS[kind.key] = kind
    return kind


def unregister(key: str) -> None:
    """Remove a kind (for tests that register kinds of their own)."""
    _KINDS.pop(key, None)


def get_kind(key: str) -> RequestKind | None:
    return _KINDS.get(key)


def registered_kinds() -> list[RequestKind]:
    return list(_KINDS.values())


def kind_choices() -> list[tuple[str, Any]]:
    """Choices for the form page's ``kind`` field, evaluated when shown."""
    return [(kind.key, kind.label) for kind in _KINDS.values()]
