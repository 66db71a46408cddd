"""The roles of DOMAIN.md. Each is a Django group whose name is the role's value."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .facts import user_fact


class Role(models.TextChoices):
    CARRIER_ADMIN = "carrier_admin", _("Carrier admin")
    MAINTENANCE_MANAGER = "maintenance_manager", _("Maintenance manager")
    DEPARTMENT_HEAD = "department_head", _("Department head")
    INSTITUTE_REVIEWER = "institute_reviewer", _("Institute reviewer")
    PROVINCIAL_APPROVER = "provincial_approver", _("Provincial approver")
    MONITORING_CENTRE = "monitoring_centre", _("Monitoring centre")
    CONTRACTOR_MANAGER = "contractor_manager", _("Contractor manager")
    CONTRACTOR_ENGINEER = "contractor_engineer", _("Contractor engineer")
    TRAINEE = "trainee", _("Trainee")


CARRIER_ROLES = frozenset(
    {
        Role.CARRIER_ADMIN,
        Role.MAINTENANCE_MANAGER,
        Role.DEPARTMENT_HEAD,
        Role.INSTITUTE_REVIEWER,
        Role.PROVINCIAL_APPROVER,
        Role.MONITORING_CENTRE,
    }
)
CONTRACTOR_ROLES = frozenset(
    {Role.CONTRACTOR_MANAGER, Role.CONTRACTOR_ENGINEER, Role.TRAINEE}
)


# Wagtail's own groups, made by its migrations under English names.
WAGTAIL_GROUP_LABELS = {"Editors": _("Editors"), "Moderators": _("Moderators")}


def role_label(name: str) -> str:
    """A group's name as people read it: its role's label (部门负责人)."""
    if name in Role.values:
        return str(Role(name).label)
    if name in WAGTAIL_GROUP_LABELS:
        return str(WAGTAIL_GROUP_LABELS[name])
    return name


def group_label(group) -> str:
    """``label_from_instance`` for a choice of groups."""
    return role_label(group.name)


def roles_of(user) -> frozenset[str]:
    """The role values of ``user`` (cached: ``registry.facts``)."""
    if not user.is_authenticated:
        return frozenset()
    names = user.groups.filter(name__in=Role.values).values_list("name", flat=True)
    return user_fact(user, "roles", lambda: frozenset(names))


def is_carrier(user) -> bool:
    """Carrier users see every company; superusers count as carrier admins."""
    return user.is_authenticated and (
        user.is_superuser or bool(roles_of(user) & CARRIER_ROLES)
    )
