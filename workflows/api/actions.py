"""How an API action (approve, reject, return) completes a given flow node.

A flow package registers a handler per human node it lets the API decide:
``handler(activation, user, action, comment)`` writes the decision.
"""

from collections.abc import Callable

from django.utils.translation import gettext_lazy as _

UNSUPPORTED = _("This step cannot be completed through the API; use its page.")
ACTIONS = ("approve", "reject", "return")

_HANDLERS: dict[object, Callable] = {}


def register_action_handler(node, handler: Callable) -> None:
    _HANDLERS[node] = handler


def handler_for(node) -> Callable | None:
    return _HANDLERS.get(node)
