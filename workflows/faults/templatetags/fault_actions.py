from django import template

from ..forms import ChaseForm, RedispatchForm, SuspendForm
from ..selectors import ticket_actions_for

register = template.Library()


@register.inclusion_tag("faults/_actions.html", takes_context=True)
def fault_actions(context, ticket):
    """The side actions (re-dispatch, chase, suspend) the user may take here."""
    user = context["user"]
    offered = ticket_actions_for(user=user, ticket=ticket)
    forms = {
        "redispatch": RedispatchForm,
        "chase": ChaseForm,
        "suspend": SuspendForm,
    }
    return {
        "ticket": ticket,
        "csrf_token": context.get("csrf_token"),
        "forms": {name: forms[name]() for name, shown in offered.items() if shown},
    }
