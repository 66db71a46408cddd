"""Names of the Channels groups an event can go to, and which a user may join."""

from hashlib import sha256

from registry.selectors import company_of

from ..steps import group_ids_of


def user_group(user_id: int) -> str:
    return f"user.{user_id}"


def company_group(company_id: int) -> str:
    return f"company.{company_id}"


def auth_group(group_id: int) -> str:
    """A Django auth group (a role, or any group an admin chose for a step)."""
    return f"group.{group_id}"


def session_group(session_key: str) -> str:
    """The sockets one login session opened (a digest: the key is a secret)."""
    return f"session.{sha256(session_key.encode()).hexdigest()[:32]}"


def groups_for_user(user) -> list[str]:
    """Every group ``user`` belongs to: their own, their auth groups', company's."""
    if not user.is_authenticated:
        return []
    groups = [user_group(user.pk)]
    groups += [auth_group(pk) for pk in sorted(group_ids_of(user))]
    company = company_of(user)
    if company is not None:
        groups.append(company_group(company.pk))
    return groups
