"""Per-group sequence numbers of live events, kept in the ``live`` cache.

Every event a group hears carries the group's next number; a socket that sees
a number skip (a message dropped by a full channel, a server that lost its
layer) knows it missed something and resyncs whole. The numbers live in the
``live`` cache (local memory embedded, Redis scaled) so every server of a
site counts alike.
"""

from django.core.cache import caches

ALIAS = "live"


def _key(group: str) -> str:
    return f"live-seq:{group}"


def next_seqs(groups: list[str]) -> dict[str, int]:
    """The next number of each group, taken now (atomic per group)."""
    cache = caches[ALIAS]
    taken = {}
    for group in groups:
        key = _key(group)
        try:
            taken[group] = cache.incr(key)
        except ValueError:  # never counted (or culled): start it
            cache.add(key, 0, timeout=None)
            taken[group] = cache.incr(key)
    return taken


def current_seqs(groups: list[str]) -> dict[str, int]:
    """The last number each group heard (0 for a group never told anything)."""
    found = caches[ALIAS].get_many([_key(group) for group in groups])
    return {group: int(found.get(_key(group), 0)) for group in groups}
