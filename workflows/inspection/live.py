"""Live events of inspections: a new finding tells the carrier's maintenance
managers and the finding's own company, after commit; no other company."""

from django.contrib.auth.models import Group
from django.urls import reverse

from registry.roles import Role
from workflows.live.events import publish_on_commit
from workflows.live.groups import auth_group, company_group
from workflows.notifications import events
from workflows.notifications.events import both, named
from workflows.notifications.selectors import role_member_ids
from workflows.notifications.services import notification_send
from workflows.training_notices import managers_of


def finding_groups(finding) -> list[str]:
    managers = Group.objects.filter(name=Role.MAINTENANCE_MANAGER).first()
    groups = [company_group(finding.company_id)]
    if managers is not None:
        groups.insert(0, auth_group(managers.pk))
    return groups


def finding_appeared(finding) -> None:
    """Queue pages open for these groups resync once the finding is committed."""
    publish_on_commit(finding_groups(finding), {"finding": finding.pk})
    finding_notify(finding)


def finding_notify(finding) -> None:
    """The carrier's maintenance managers and the company's own managers."""
    people = role_member_ids(Role.MAINTENANCE_MANAGER) + managers_of(finding.company_id)
    text = both(finding.description[:200], finding.description_en[:200])
    notification_send(
        event=events.INSPECTION_FINDING,
        recipients=people,
        context={
            "site": named(finding.site),
            "company": named(finding.company),
            "text": text,
        },
        company_id=finding.company_id,
        link=reverse("workflows:inspection:findings"),
    )
