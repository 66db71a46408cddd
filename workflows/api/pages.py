"""Lists answered a page at a time: only the requested slice becomes rows."""

from collections.abc import Callable, Sequence

from django.db.models import QuerySet
from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

from .fields import MAX_ID, MAX_ITEMS


class Page(LimitOffsetPagination):
    """``limit`` (at most 100) and ``offset`` bounded before they reach SQL."""

    class Input(Schema):
        limit: int = Field(MAX_ITEMS, ge=1, le=MAX_ITEMS)
        offset: int = Field(0, ge=0, le=MAX_ID)


class Rows:
    """A queryset that ninja's pagination counts and slices before serialising.

    ``rows(objects)`` turns one page of objects into API rows, so a page costs
    its own rows (and the prefetches of those rows), never the whole list.
    """

    def __init__(self, queryset: QuerySet, rows: Callable[[list], Sequence[dict]]):
        self.queryset, self.rows = queryset, rows

    def all(self) -> QuerySet:  # ninja counts ``queryset.all().count()``
        return self.queryset.all()

    def __getitem__(self, page: slice) -> Sequence[dict]:
        return self.rows(list(self.queryset[page]))
