"""Live events of inspections: a new finding tells the carrier's maintenance
managers and the finding's own company, after commit; no other company."""

from django.contrib.auth.models import Group

from registry.roles import Role
from workflows.live.events import publish_on_commit
from workflows.live.groups import auth_group, company_group


def finding_groups(finding) -> list[str]:
    managers = Group.objects.filter(name=Role.MAINTENANCE_MANAGER).first()
    groups = [company_group(finding.company_id)]
    if managers is not None:
        groups.insert(0, auth_group(managers.pk))
    return groups


def finding_appeared(finding) -> None:
    """Queue pages open for these groups resync once the finding is committed."""
    publish_on_commit(finding_groups(finding), {"finding": finding.pk})
