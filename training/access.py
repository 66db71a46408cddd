"""Who may see what in training: a person's own record, their company's
managers, the carrier. Read from the memoised roles (no query per page)."""

from registry.memo import per_user
from registry.models import StaffMember
from registry.roles import Role, is_carrier, roles_of

LEARNER_ROLES = frozenset(
    {Role.TRAINEE, Role.CONTRACTOR_ENGINEER, Role.CONTRACTOR_MANAGER}
)


def person_of(user) -> StaffMember | None:
    """The staff record of ``user``, read once per request."""
    if not user.is_authenticated:
        return None
    return per_user(
        user,
        "training_person",
        lambda: StaffMember.objects.select_related("company").filter(user=user).first(),
    )


def may_learn(user) -> bool:
    return bool(roles_of(user) & LEARNER_ROLES)


def may_oversee(user) -> bool:
    return is_carrier(user) or Role.CONTRACTOR_MANAGER in roles_of(user)


def may_record_sessions(user) -> bool:
    return user.is_authenticated and (
        user.is_superuser or Role.CARRIER_ADMIN in roles_of(user)
    )
