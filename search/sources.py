"""The registry of search sources: each kind of content the search page covers.

A source answers ``results(user=..., query=...)`` with a countable, sliceable
collection (a QuerySet or Wagtail ``SearchResults``) holding only what ``user``
may see, and turns one of its objects into a ``Hit``.

Sources over content search itself may import (home, registry) are registered
in ``SearchConfig.ready``; apps above search (workflows) register theirs in
their own ``AppConfig.ready``, as flows fill ``home.request_kinds``: search
never imports them.
"""

from abc import ABC, abstractmethod
from dataclasses import dataclass


@dataclass(frozen=True)
class Hit:
    """One search result as the page shows it."""

    kind: str
    title: str
    url: str
    summary: str = ""
    meta: str = ""


class SearchSource(ABC):
    key: str
    label: str
    # Sources show in this order (lowest first), whichever app loads first.
    order: int = 100

    @abstractmethod
    def results(self, *, user, query: str):
        """What matches ``query`` among the objects ``user`` may see, best first."""

    @abstractmethod
    def hit(self, obj, *, request=None) -> Hit:
        """``obj`` (one of ``results``) as a search result."""


_SOURCES: dict[str, SearchSource] = {}


def source_register(source: SearchSource) -> SearchSource:
    """Add ``source`` (replacing one with the same key); returns it."""
    _SOURCES[source.key] = source
    return source


def registered_sources() -> tuple[SearchSource, ...]:
    return tuple(sorted(_SOURCES.values(), key=lambda source: source.order))
