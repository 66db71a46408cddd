"""Live refresh: a request's step changes the numbers of its company.

Every transition recorded on a request (a ticket dispatched, accepted,
restored, confirmed; a request filed, approved ...) tells, once its
transaction commits, the dashboards of that company and of the carrier that
the company's numbers changed (``{"dashboard": {"company": id}}``), through
the portal's own publisher (``workflows.live.events``: after commit, dropped
with a rolled-back savepoint, one event per commit and payload). The groups
are the dashboards' own, joined only by a dashboard socket
(``consumers.py``): the queue's sockets never hear these events, and a
contractor's dashboard joins only its company's group.
"""

from django.db.models.signals import post_save

from workflows.assessment.models import Assessment
from workflows.live.events import publish_on_commit
from workflows.models import Request, Transition
from workflows.obligations.models import WorkLog

DASHBOARD = "dashboard"
CARRIER_GROUP = "dashboards.carrier"


def company_dashboard_group(company_id: int) -> str:
    return f"dashboards.company.{company_id}"


def company_changed(company_id: int) -> None:
    """Tell the dashboards showing ``company_id`` once the transaction commits."""
    groups = [company_dashboard_group(company_id), CARRIER_GROUP]
    publish_on_commit(groups, {DASHBOARD: {"company": company_id}})


def transition_saved(sender, instance, created=False, raw=False, **kwargs) -> None:
    if not created or raw:
        return
    if Transition.request.is_cached(instance):
        company_id = instance.request.company_id
    else:
        company_id = (
            Request.objects.filter(pk=instance.request_id)
            .values_list("company_id", flat=True)
            .first()
        )
    if company_id is not None:
        company_changed(company_id)


def assessment_saved(sender, instance, raw=False, **kwargs) -> None:
    """A score moved (a line upheld, an entry added, a month finalised)."""
    if not raw:
        company_changed(instance.contractor_id)


def company_row_saved(sender, instance, raw=False, **kwargs) -> None:
    """A work log filed: the obligations panel of its company moved."""
    if not raw:
        company_changed(instance.company_id)


post_save.connect(transition_saved, sender=Transition, dispatch_uid="dashboards")
post_save.connect(company_row_saved, sender=WorkLog, dispatch_uid="dashboards-logs")
post_save.connect(
    assessment_saved, sender=Assessment, dispatch_uid="dashboards-assessment"
)
