"""Who hears about a task change: its owner, the step's group, the company.

A company-scoped step is announced to its company only, never to the role's
group, so one contractor never hears of another's work. Every save of a flow
task (created, claimed, released, done, cancelled; by a page, the API, the
timer dispatcher or a command) announces itself once the transaction commits.
"""

from viewflow.workflow.status import STATUS

from home.rules import current_rules

from ..models import Request
from ..steps import step_for
from .events import publish_on_commit
from .groups import auth_group, company_group, user_group


def groups_for_task(task) -> list[str]:
    request = Request.objects.filter(pk=task.process_id).only(
        "company_id", "requester_id"
    )
    request = request.first()
    if request is None:  # a process of a flow outside the portal's requests
        return []
    groups = [company_group(request.company_id), user_group(request.requester_id)]
    if task.owner_id:
        groups.append(user_group(task.owner_id))
    step = step_for(task.owner_permission or "")
    if step is not None and not step.company_scoped:
        groups.append(auth_group(step.group_id(current_rules())))
    return groups


def task_saved(sender, instance, **kwargs) -> None:
    """``post_save`` of viewflow's Task: tell the concerned sockets on commit.

    Human tasks on every change; a timer when it fires, since its request
    moves on (a leave begins, a roster change takes effect) with no one acting.
    """
    if instance.flow_task_type == "TIMER":
        if instance.status != STATUS.DONE:
            return
    elif instance.flow_task_type != "HUMAN":
        return
    payload = {"task": instance.pk, "process": instance.process_id}
    publish_on_commit(groups_for_task(instance), payload)
