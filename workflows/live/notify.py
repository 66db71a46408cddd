"""Who hears about a task change: its owner, the step's group, the company.

A company-scoped step is announced to its company only, never to the role's
group, so one contractor never hears of another's work.
"""

from home.rules import current_rules

from ..steps import step_for
from .events import publish_on_commit
from .groups import auth_group, company_group, user_group


def groups_for_task(task) -> list[str]:
    process = task.process.coerced
    groups = [company_group(process.company_id), user_group(process.requester_id)]
    if task.owner_id:
        groups.append(user_group(task.owner_id))
    step = step_for(task.owner_permission or "")
    if step is not None and not step.company_scoped:
        groups.append(auth_group(step.group_id(current_rules())))
    return groups


def task_changed_on_commit(task) -> None:
    """Tell the concerned sockets, once the transaction commits."""
    payload = {
        "task": task.pk,
        "process": task.process_id,
        "status": task.status,
        "node": task.flow_task.name if task.flow_task else "",
    }
    publish_on_commit(groups_for_task(task), payload)
