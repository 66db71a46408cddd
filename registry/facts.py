"""Facts about a user read on every request that change rarely, cached across
requests: their roles, group ids and company (here), the steps they hold
(``workflows.steps``) and their navigation entries (``portal.navigation``).

A user's facts are one entry of the ``facts`` cache (local memory embedded,
Redis scaled), valid while the two versions it was built under hold: the
user's own, bumped when their groups, permissions, company membership or
account change, and everyone's, bumped when a group, a company, a published
page or rule changes (``facts_forget``; the receivers are below and in
``home.facts``). A bump happens at once and again after the commit: a request
that read the rows before the commit stores them under a version that is gone.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar
from uuid import uuid4

from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save

from .memo import per_user

T = TypeVar("T")
ALIAS = "facts"
EVERYONE = "v"


@dataclass(frozen=True)
class _Bundle:
    versions: tuple[str, str]
    values: dict


def user_fact(user, name: str, compute: Callable[[], T]) -> T:
    """``compute()`` once while none of the user's facts changed; per request
    (``per_user``) after that. Nothing is cached for an anonymous user."""
    if not user.is_authenticated:
        return per_user(user, name, compute)
    return per_user(user, name, lambda: _cached(user, name, compute))


def _cached(user, name: str, compute: Callable[[], T]) -> T:
    bundle = per_user(user, "facts", lambda: _bundle_load(user.pk))
    if name not in bundle.values:
        bundle.values[name] = compute()
        caches[ALIAS].set(f"u{user.pk}", (bundle.versions, bundle.values))
    return bundle.values[name]


def _bundle_load(user_id: int) -> _Bundle:
    """The versions now, and the user's facts if built under them: one read."""
    cache = caches[ALIAS]
    own = f"v{user_id}"
    found = cache.get_many([EVERYONE, own, f"u{user_id}"])
    versions = (
        found.get(EVERYONE) or _version_start(EVERYONE),
        found.get(own) or _version_start(own),
    )
    stored = found.get(f"u{user_id}")
    if stored is not None and stored[0] == versions:
        return _Bundle(versions, dict(stored[1]))
    return _Bundle(versions, {})


def everyone_version() -> str:
    """Everyone's facts version now: a key under it goes with the next bump."""
    return caches[ALIAS].get(EVERYONE) or _version_start(EVERYONE)


def _version_start(key: str) -> str:
    cache = caches[ALIAS]
    cache.add(key, uuid4().hex)
    return cache.get(key) or uuid4().hex


def facts_forget(*, user_ids=None) -> None:
    """Drop the facts of ``user_ids``, or everyone's (``None``): now and after
    the commit."""
    keys = [EVERYONE] if user_ids is None else [f"v{pk}" for pk in user_ids]

    def bump():
        caches[ALIAS].set_many({key: uuid4().hex for key in keys})

    bump()
    transaction.on_commit(bump)


def _user_changed(sender, instance, **kwargs):
    facts_forget(user_ids=[instance.pk])


def _membership_changed(sender, instance, **kwargs):
    facts_forget(user_ids=[instance.user_id])


def _everyone_changed(sender, **kwargs):
    facts_forget()


def _user_groups_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """``user.groups`` or ``group.user_set`` (and user permissions) changed."""
    if not action.startswith(("post_", "pre_clear")):
        return
    if not reverse:
        facts_forget(user_ids=[instance.pk])
    elif pk_set:
        facts_forget(user_ids=pk_set)
    else:  # a group's (or permission's) members cleared: who they were is gone
        facts_forget()


def _group_permissions_changed(sender, action, **kwargs):
    if action.startswith("post_"):
        facts_forget()


def facts_receivers_connect() -> None:
    """Connect the receivers of the changes registry and auth rows make."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from .models import Company, Membership

    User = get_user_model()
    uid = "registry-facts"
    for signal in (post_save, post_delete):
        signal.connect(_user_changed, sender=User, dispatch_uid=uid)
        signal.connect(_membership_changed, sender=Membership, dispatch_uid=uid)
        signal.connect(_everyone_changed, sender=Company, dispatch_uid=uid)
        signal.connect(_everyone_changed, sender=Group, dispatch_uid=uid)
    for through in (User.groups.through, User.user_permissions.through):
        m2m_changed.connect(_user_groups_changed, sender=through, dispatch_uid=uid)
    m2m_changed.connect(
        _group_permissions_changed, sender=Group.permissions.through, dispatch_uid=uid
    )
    post_migrate.connect(_everyone_changed, dispatch_uid=uid)
