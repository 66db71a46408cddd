"""Urgent log entries go upward at once: to the company's managers and to the
carrier's group chosen in the CMS (the monitoring centre by default).

Sent after commit through ``workflows/live``; the notice carries its text in
both languages so each page shows its reader's. Another company never hears it.
"""

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from workflows.live.events import publish_on_commit
from workflows.live.groups import auth_group, user_group
from workflows.notifications import events
from workflows.notifications.events import named
from workflows.notifications.selectors import group_member_ids
from workflows.notifications.services import notification_send
from workflows.training_notices import managers_of

URGENT = "obligations.urgent"
URGENT_NOTICE = _("Urgent log entry (%(code)s) from %(person)s, %(company)s: %(text)s")
LANGUAGES = ("zh-hans", "en")


def urgent_groups(*, company_id: int, rules) -> list[str]:
    groups = [user_group(pk) for pk in managers_of(company_id)]
    return [*groups, auth_group(rules.escalation_group.id)]


def urgent_escalate(*, log, entries, rules) -> None:
    groups = urgent_groups(company_id=log.company_id, rules=rules)
    company = log.company
    for entry in entries:
        notice = {}
        for language in LANGUAGES:
            with translation.override(language):
                notice[language] = str(URGENT_NOTICE) % {
                    "code": entry.code,
                    "person": log.person.name,
                    "company": company.name,
                    "text": entry.text[:200],
                }
        payload = {
            "kind": URGENT,
            "log": log.pk,
            "entry": entry.pk,
            "company": log.company_id,
            "notice": notice,
        }
        publish_on_commit(groups, payload)
        urgent_notify(log=log, entry=entry, rules=rules)


def urgent_notify(*, log, entry, rules) -> None:
    """The same people, by the notification layer (list, mail, webhooks)."""
    people = managers_of(log.company_id)
    people += group_member_ids(group_id=rules.escalation_group.id)
    notification_send(
        event=events.LOG_URGENT,
        recipients=people,
        context={
            "code": entry.code,
            "person": log.person.name,
            "company": named(log.company),
            "text": entry.text[:200],
        },
        company_id=log.company_id,
    )
