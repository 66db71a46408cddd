"""Who may claim, release or complete a human task: decided on the server.

A task of a group's step carries that step's permission (``owner_permission``)
and is offered to its holders. A task assigned to one person (``.Assign``, like
the requester's ``revise``) has none: viewflow would offer it to any logged-in
user once unassigned, so it is never released and never claimed.
"""

from viewflow.workflow.status import STATUS


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
