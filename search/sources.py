"""The registry of search sources: each kind of content the search page covers.

A source answers ``results(user=..., query=...)`` with a countable, sliceable
collection (a QuerySet or Wagtail ``SearchResults``) holding only what ``user``
may see, and turns one of its objects into a ``Hit``. Training pages and
checklists plug in later by registering a source in ``SearchConfig.ready``.
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
    return tuple(_SOURCES.values())
