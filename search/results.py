"""Several sources' results as one sequence that Django's Paginator can page."""

from collections.abc import Sequence
from functools import cached_property

from .sources import Hit, SearchSource


def _count(results) -> int:
    if isinstance(results, list | tuple):
        return len(results)
    return results.count()


class ChainedResults(Sequence):
    """The results of each source in turn, mapped to ``Hit``s when sliced.

    Each source is counted once and fetched only for the rows a page shows, so
    a page costs one count and at most one fetch per source, however many rows
    match.
    """

    def __init__(self, parts: list[tuple[SearchSource, object]], *, request=None):
        self.parts = parts
        self.request = request

    @cached_property
    def counts(self) -> list[int]:
        return [_count(results) for _, results in self.parts]

    def __len__(self) -> int:
        return sum(self.counts)

    def __getitem__(self, index) -> Hit | list[Hit]:
        if isinstance(index, int):
            position = index + len(self) if index < 0 else index
            if not 0 <= position < len(self):
                raise IndexError(index)
            return self[position : position + 1][0]
        start, stop, _ = index.indices(len(self))
        hits, offset = [], 0
        for (source, results), count in zip(self.parts, self.counts, strict=True):
            low, high = max(start - offset, 0), min(stop - offset, count)
            if low < high:
                hits.extend(
                    source.hit(obj, request=self.request) for obj in results[low:high]
                )
            offset += count
        return hits
