"""Facts about a user read once per user object, that is once per request."""

from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def per_user(user, name: str, compute: Callable[[], T]) -> T:
    """``compute()`` the first time ``name`` is asked of ``user``; then its value.

    Django builds a fresh user object for every request, so the value lives
    as long as the request; ``None`` is remembered like any other value.
    """
    attr = f"_portal_{name}"
    try:
        return vars(user)[attr]
    except KeyError:
        value = vars(user)[attr] = compute()
        return value
