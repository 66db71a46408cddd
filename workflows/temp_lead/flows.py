from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow

from workflows.locks import flow_lock

from . import services, views
from .models import TempLead
from .steps import ACKNOWLEDGE


class TempLeadFlow(flow.Flow):
    """临时负责人: the contractor's lead leaves the site and names a stand-in.

    The report goes to the carrier's maintenance managers, who are told at
    once and acknowledge it; from then on the stand-in is shown as the
    company's lead on the days named.
    """

    process_class = TempLead
    process_title = _("Temporary lead")
    lock_impl = flow_lock

    start = (
        flow.StartHandle(this.start_report)
        .Annotation(title=_("Name a stand-in"))
        .Next(this.acknowledge)
    )
    acknowledge = (
        flow.View(views.AcknowledgeView.as_view())
        .Annotation(title=_("Carrier acknowledges"))
        .Permission(ACKNOWLEDGE.permission)
        .Next(this.acknowledged)
    )
    acknowledged = flow.End().Annotation(title=_("Acknowledged"))

    def start_report(self, activation, user, data):
        services.temp_lead_fill(lead=activation.process, user=user, data=data)
        services.transition_record(
            request=activation.process, action="submitted", actor=user
        )
        return activation.process
