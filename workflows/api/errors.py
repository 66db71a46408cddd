"""The API's errors: one shape (``ErrorOut``), declared per operation, translated.

Ninja's own schema-validation errors (pydantic's, in English) are worded here
again by their type, in the request's language, and keyed by the dotted field
name the caller sent (``people_in.0.name``).
"""

from django.utils.translation import gettext_lazy as _

from .schemas import ErrorOut

INVALID = _("The request is not valid.")
SERVER_ERROR = _("The server could not answer this request; the error is logged.")
NOT_JSON = _("The request body is not valid JSON.")
UNAUTHENTICATED = _("Log in or send an API token.")
FORBIDDEN = _("You may not do this.")
REQUIRED = _("This field is required.")
WHOLE_NUMBER = _("Enter a whole number.")
VALID_DATE = _("Enter a valid date.")
VALID_VALUE = _("Enter a valid value.")
AT_MOST = _("Ensure this value is less than or equal to %(limit_value)s.")
AT_LEAST = _("Ensure this value is greater than or equal to %(limit_value)s.")
TOO_LONG = _("Ensure this value has at most %(max_length)s characters.")
TOO_MANY = _("Give at most %(max_length)s items.")
NOT_TEXT = _("Enter text.")
NOT_A_LIST = _("Enter a list of values.")
CONTROL_CHARACTER = _(
    "Remove control characters and unpaired surrogates; line breaks and tabs "
    "are allowed."
)

MESSAGES = {
    "missing": REQUIRED,
    "int_type": WHOLE_NUMBER,
    "int_parsing": WHOLE_NUMBER,
    "int_parsing_size": WHOLE_NUMBER,
    "int_from_float": WHOLE_NUMBER,
    "date_type": VALID_DATE,
    "date_parsing": VALID_DATE,
    "date_from_datetime_parsing": VALID_DATE,
    "date_from_datetime_inexact": VALID_DATE,
    "string_type": NOT_TEXT,
    "list_type": NOT_A_LIST,
    "plain_text": CONTROL_CHARACTER,
    "json_invalid": NOT_JSON,
}
# Bounds, with the context value that fills the message.
BOUNDS = {
    "less_than_equal": (AT_MOST, "le"),
    "greater_than_equal": (AT_LEAST, "ge"),
    "string_too_long": (TOO_LONG, "max_length"),
    "too_long": (TOO_MANY, "max_length"),
}
READS = (401, 404, 422, 429, 500)
WRITES = (401, 403, 404, 409, 413, 422, 429, 500)


def answers(ok: dict, *, codes=READS) -> dict:
    """``ok`` and every error status an operation can answer, for the schema."""
    return {**ok, **dict.fromkeys(codes, ErrorOut)}


def schema_message(error: dict) -> str:
    kind = error.get("type", "")
    if kind in BOUNDS:
        message, key = BOUNDS[kind]
        name = "limit_value" if key in ("le", "ge") else "max_length"
        return str(message % {name: error.get("ctx", {}).get(key)})
    return str(MESSAGES.get(kind, VALID_VALUE))


def field_name(location) -> str:
    """``("body", "payload", "people_in", 0, "name")`` → ``people_in.0.name``."""
    parts = [str(part) for part in location[1:]]
    if len(parts) > 1 and parts[0] in ("payload", "pagination"):
        parts = parts[1:]
    return ".".join(parts) or "__all__"


def schema_errors(errors: list[dict]) -> dict[str, list[str]]:
    fields: dict[str, list[str]] = {}
    for error in errors:
        fields.setdefault(field_name(error.get("loc", ())), []).append(
            schema_message(error)
        )
    return fields
