"""Reads of the search page."""

from .results import ChainedResults
from .sources import registered_sources


def search_hits(*, user, query: str, request=None) -> ChainedResults:
    """Everything ``user`` may see that matches ``query``, source by source."""
    parts = [
        (source, source.results(user=user, query=query))
        for source in registered_sources()
    ]
    return ChainedResults(parts, request=request)
