"""Names of the Channels groups an event can go to, and which a user may join."""

from registry.roles import roles_of
from registry.selectors import company_of


def user_group(user_id: int) -> str:
    return f"user.{user_id}"


def company_group(company_id: int) -> str:
    return f"company.{company_id}"


def role_group(role: str) -> str:
    return f"role.{role}"


def groups_for_user(user) -> list[str]:
    """Every group ``user`` belongs to: their own, their roles', their company's."""
    if not user.is_authenticated:
        return []
    groups = [user_group(user.pk)]
    groups += [role_group(role) for role in sorted(roles_of(user))]
    company = company_of(user)
    if company is not None:
        groups.append(company_group(company.pk))
    return groups
