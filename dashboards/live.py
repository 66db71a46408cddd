"""Live refresh: a request's step changes the numbers of its company.

Every transition recorded on a request (a ticket dispatched, accepted,
restored, confirmed; a request filed, approved ...) tells, once its
transaction commits, the sockets of that company and of the carrier that the
company's numbers changed: ``{"dashboard": {"company": id}}``. Only those
groups hear it, so a contractor never learns of another's activity; an open
dashboard refetches its data a few seconds later (``dashboards.js``,
debounced), and resyncs on (re)connect since delivery is at most once.
"""

from django.db.models.signals import post_save

from workflows.live.events import publish_on_commit
from workflows.live.groups import CARRIER_GROUP, company_group
from workflows.models import Request, Transition

DASHBOARD = "dashboard"


def dashboard_groups(company_id: int) -> list[str]:
    return [company_group(company_id), CARRIER_GROUP]


def company_changed(company_id: int) -> None:
    """Tell the dashboards of ``company_id`` after commit (one event per commit)."""
    payload = {DASHBOARD: {"company": company_id}}
    publish_on_commit(dashboard_groups(company_id), payload)


def transition_saved(sender, instance, created=False, raw=False, **kwargs) -> None:
    if not created or raw:
        return
    cached = Transition.request.is_cached(instance)
    company_id = (
        instance.request.company_id
        if cached
        else Request.objects.filter(pk=instance.request_id)
        .values_list("company_id", flat=True)
        .first()
    )
    if company_id is not None:
        company_changed(company_id)


post_save.connect(transition_saved, sender=Transition, dispatch_uid="dashboards")
