"""Who may claim, release or complete a human task: decided on the server.

A task of a group's step carries that step's permission (``owner_permission``)
and is offered to its holders. A task assigned to one person (``.Assign``, like
the requester's ``revise``) has none: viewflow would offer it to any logged-in
user once unassigned, so it is never released and never claimed.
"""

from viewflow.workflow.status import STATUS

from registry.roles import Role, roles_of

# Who downloads the requests they may see as a spreadsheet (the queue's export):
# the managers on both sides and the carrier's admins.
REQUEST_EXPORT_ROLES = frozenset(
    {
        Role.CARRIER_ADMIN,
        Role.MAINTENANCE_MANAGER,
        Role.DEPARTMENT_HEAD,
        Role.CONTRACTOR_MANAGER,
    }
)


def task_claimable_by(user, task) -> bool:
    """Is ``task`` unclaimed, offered to a group, and ``user`` in that group?"""
    if task.status != STATUS.NEW or task.owner_id is not None:
        return False
    if not task.owner_permission:
        return False
    return task.flow_task.can_assign(user, task)


def task_releasable_by(user, task) -> bool:
    """May ``user`` give ``task`` back to its group (its owner, or a flow manager)?"""
    if task.status != STATUS.ASSIGNED or not task.owner_permission:
        return False
    return task.flow_task.can_unassign(user, task)


def requests_export_allowed(user) -> bool:
    """May ``user`` download the requests they see (their scope, not more)?"""
    return user.is_authenticated and bool(REQUEST_EXPORT_ROLES & set(roles_of(user)))
