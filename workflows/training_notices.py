"""Live notices of training events (training sends signals; it never imports us).

When a certificate lapses and a person drops back to trainee, the managers of
their company hear it on their open pages.
"""

from django.contrib.auth import get_user_model

from registry.roles import Role
from training.rules import gate_message

from .live.events import publish_on_commit
from .live.groups import user_group

DUTY_LOST = "training.duty_lost"


def managers_of(company_id: int) -> list[int]:
    return list(
        get_user_model()
        .objects.filter(
            membership__company_id=company_id,
            groups__name=Role.CONTRACTOR_MANAGER,
            is_active=True,
        )
        .values_list("pk", flat=True)
    )


def duty_lost_notify(sender, person, modules, **kwargs) -> None:
    groups = [user_group(pk) for pk in managers_of(person.company_id)]
    if groups:
        payload = {
            "kind": DUTY_LOST,
            "person": person.pk,
            "text": gate_message(person, modules),
        }
        publish_on_commit(groups, payload)
