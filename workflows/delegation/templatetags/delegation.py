from django import template

from registry.roles import Role, roles_of
from registry.selectors import company_of

from ...steps import step_for
from ..rules import may_reassign

register = template.Library()


@register.filter
def movable_by(task, user) -> bool:
    """May ``user`` move ``task`` to another person (the link; the server checks)."""
    step = step_for(task.owner_permission or "")
    if step is None or not user.is_authenticated:
        return False
    roles = roles_of(user) | ({Role.CARRIER_ADMIN} if user.is_superuser else set())
    company = company_of(user)
    return may_reassign(
        actor_roles=roles,
        actor_company_id=company.pk if company else None,
        request_company_id=task.process.coerced.company_id
        if step.company_scoped
        else None,
        company_scoped=step.company_scoped,
    )
