"""Bounded input types of the API's payloads, path and query parameters.

Every value a caller sends is bounded before it reaches a query: ids fit a
database integer, dates lie between 2000 and 2100, text is at most so long
and holds no control characters or lone surrogates (which no database
encodes), lists are short. Each violation is a typed error that
``errors.schema_errors`` words in the caller's language.
"""

import unicodedata
from datetime import date, datetime
from typing import Annotated

from annotated_types import Len
from django.utils import timezone
from ninja import Field, Header, Path
from pydantic import AfterValidator, StrictInt, StringConstraints
from pydantic_core import PydanticCustomError

from ..forms import REASON_LENGTH

MAX_ID = 2**31 - 1  # a PostgreSQL integer; SQLite raises on more than 64 bits
FIRST_DAY, LAST_DAY = date(2000, 1, 1), date(2100, 12, 31)
MAX_ITEMS = 100  # people named in one change, ids in one list, rows per page
ALLOWED_CONTROLS = {"\n", "\r", "\t"}


def plain_text(value: str) -> str:
    """Refuse control characters (bar line breaks and tabs) and lone surrogates."""
    for char in value:
        category = unicodedata.category(char)
        if category == "Cs" or (category == "Cc" and char not in ALLOWED_CONTROLS):
            raise PydanticCustomError("plain_text", "control character")
    return value


def text(max_length: int) -> object:
    return Annotated[
        str, StringConstraints(max_length=max_length), AfterValidator(plain_text)
    ]


def items(kind, max_items: int = MAX_ITEMS) -> object:
    return Annotated[list[kind], Len(max_length=max_items)]


def aware(value: datetime) -> datetime:
    """A moment between 2000 and 2100; without an offset, China's time."""
    if not 2000 <= value.year <= 2100:
        raise PydanticCustomError("datetime_range", "moment out of range")
    return timezone.make_aware(value) if timezone.is_naive(value) else value


Id = Annotated[StrictInt, Field(ge=1, le=MAX_ID)]
# Form fields and query parameters arrive as text: their ids are parsed.
FormId = Annotated[int, Field(ge=1, le=MAX_ID)]
Moment = Annotated[datetime, AfterValidator(aware)]
PathId = Annotated[int, Path(ge=1, le=MAX_ID)]
Day = Annotated[date, Field(ge=FIRST_DAY, le=LAST_DAY)]
Reason = text(REASON_LENGTH)
IdempotencyKey = Annotated[
    str | None,
    Header(
        None,
        alias="Idempotency-Key",
        max_length=200,
        pattern=r"^[!-~]+$",
        description="Any printable ASCII token: a retry with the same key and "
        "body answers the first request; the same key with another body is 409.",
    ),
]
