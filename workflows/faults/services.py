"""Writes of the fault-ticket flow: dispatch, accept, handle, restore, report,
confirm or send back, analyse an overdue ticket, and the SLA clock's own steps.

Every write runs in one transaction and records a transition; live events go
out after commit (``publish_on_commit``).
"""

from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home.models.sla import FaultLevel, SlaMode
from home.rules import current_rules
from registry.models import Region, Site
from registry.roles import Role
from workflows.live.events import publish_on_commit
from workflows.live.groups import auth_group, company_group, user_group
from workflows.notes import NoteMessage
from workflows.presence.models import Presence
from workflows.presence.services import presence_record
from workflows.services import new_reference, summary_write, transition_record

from . import rules
from .models import FaultTicket
from .notices import dispatched_notify, sla_notify
from .steps import DISPATCH

NOT_DISPATCHER = _("Only the monitoring centre dispatches fault tickets.")
UNKNOWN_SITE = _("Choose a site of the register.")
BAD_LEVEL = _("Choose a fault level from 1 to 4.")
BAD_MODE = _("Choose remote or on site.")
NEED_DESCRIPTION = _("Describe the fault.")
NEED_CAUSE = _("Give the cause of the fault.")
NEED_MEASURES = _("Say what was done to restore service.")
NEED_REPORT = _("Write the fault report.")
NEED_ANALYSIS = _("Write the overdue analysis.")
NEED_NOTE = _("Write the progress note.")
NEED_RETURN_REASON = _("Say what is still to be done when sending it back.")
NOT_HANDLER = _("Only the engineer handling this ticket adds progress notes.")
ALREADY_RESTORED = _("This ticket is restored; add no more progress notes.")
ALARM_OTHER_SITE = _("This alarm id is already on a ticket of another site.")
SUMMARY = _("Level %(level)s fault at %(site)s")


class SlaNote(NoteMessage):
    """A note naming a region tier and a mode: stored as codes, shown as labels
    in the reader's language."""

    def _shown(self, name, value):
        if name == "tier" and value in Region.Tier.values:
            return Region.Tier(value).label
        if name == "mode" and value in SlaMode.values:
            return SlaMode(value).label
        return super()._shown(name, value)


DISPATCH_NOTE = SlaNote(
    "faults.dispatched",
    _(
        "Restore within %(hours)s hours (SLA, %(tier)s, %(mode)s); "
        "warning after %(warning)s hours."
    ),
)
RESTORED_IN_TIME = NoteMessage("faults.in_time", _("Restored within the SLA limit."))
RESTORED_LATE = NoteMessage(
    "faults.late", _("Restored after the SLA limit: an overdue analysis is required.")
)
REPORT_REQUIRED = NoteMessage(
    "faults.report_required", _("Level %(level)s: a fault report is required.")
)
REPORT_LATE = NoteMessage("faults.report_late", _("Reported after its time limit."))
WARNED = NoteMessage(
    "faults.warned", _("Early warning: %(percent)s%% of the restore time has passed.")
)
# The one-step escalation of tickets dispatched before the CMS chain
# (``escalation.py``): kept so their history still reads.
ESCALATED = NoteMessage(
    "faults.escalated",
    _(
        "SLA limit passed without restoring: escalated to the company "
        "and the monitoring centre."
    ),
)
ARRIVAL_NOTES = {
    "within": NoteMessage(
        "faults.arrived_within", _("Arrived on site (%(distance)s m from the site).")
    ),
    "far": NoteMessage(
        "faults.arrived_far",
        _("Arrival flagged: the phone was %(distance)s m from the site."),
    ),
    "unknown": NoteMessage(
        "faults.arrived_unknown", _("Arrival flagged: location unknown.")
    ),
}
ANALYSIS_REQUIRED = NoteMessage(
    "faults.analysis_required", _("Overdue: the contractor owes an overdue analysis.")
)


@dataclass
class TicketInput:
    """What the monitoring centre (or an alarm integration) dispatches."""

    site: Site
    level: int
    mode: str
    description: str
    alarm_id: str = ""


def ticket_validate(*, user, data: TicketInput) -> None:
    """Every check of a dispatch; raises a translated ``ValidationError``."""
    if not user.has_perm(DISPATCH.permission):
        raise PermissionDenied(NOT_DISPATCHER)
    errors = {}
    if data.site is None:
        errors["site"] = [UNKNOWN_SITE]
    if data.level not in FaultLevel.values:
        errors["level"] = [BAD_LEVEL]
    if data.mode not in SlaMode.values:
        errors["mode"] = [BAD_MODE]
    if not (data.description or "").strip():
        errors["description"] = [NEED_DESCRIPTION]
    if errors:
        raise ValidationError(errors)


def ticket_dispatch(*, user, data: TicketInput) -> FaultTicket:
    """Validate and start a ticket; an alarm id seen before returns its ticket."""
    from .flows import FaultFlow

    ticket_validate(user=user, data=data)
    with transaction.atomic():
        if data.alarm_id:
            known = FaultTicket.objects.select_for_update().filter(
                alarm_id=data.alarm_id
            )
            known = known.first()
            if known is not None:
                if known.site_id != data.site.pk:
                    raise ValidationError({"alarm_id": [ALARM_OTHER_SITE]})
                return known
        if not data.alarm_id:
            return FaultFlow.start.run(user=user, data=data)
        try:
            with transaction.atomic():
                return FaultFlow.start.run(user=user, data=data)
        except IntegrityError:  # the same alarm, dispatched concurrently
            return FaultTicket.objects.get(alarm_id=data.alarm_id)


def ticket_fill(*, ticket: FaultTicket, user, data: TicketInput) -> None:
    """Write the dispatch onto ``ticket``, with the SLA clock read from the CMS now."""
    site = Site.objects.select_related("region").get(pk=data.site.pk)
    snapshot = current_rules()
    now = timezone.now()
    clock = rules.sla_clock(
        level=data.level,
        tier=site.region.tier,
        mode=data.mode,
        start=now,
        rules=snapshot,
    )
    ticket.company_id, ticket.site, ticket.requester = site.maintained_by_id, site, user
    ticket.level, ticket.mode, ticket.tier = data.level, data.mode, site.region.tier
    ticket.description = data.description.strip()
    ticket.alarm_id = (data.alarm_id or "").strip()
    ticket.dispatched_at = now
    ticket.sla_hours, ticket.sla_due_at = clock.hours, clock.due_at
    ticket.warning_at, ticket.sla_revision_id = clock.warning_at, clock.revision_id
    ticket.due_at = clock.due_at
    ticket.needs_report = rules.needs_report(data.level)
    ticket.state = FaultTicket.State.DISPATCHED
    summary_write(ticket, SUMMARY, level=data.level, site=site.name)
    ticket.reference = ticket.reference or new_reference("FT")
    ticket.full_clean(exclude=["flow_class", "attachments"])
    ticket.save()
    note = DISPATCH_NOTE.note(
        hours=_num(clock.hours),
        warning=_num(clock.warning_hours),
        tier=site.region.tier,
        mode=ticket.mode,
    )
    notes = [note]
    if ticket.needs_report:
        notes.append(REPORT_REQUIRED.note(level=data.level))
    transition_record(
        request=ticket,
        action="dispatched",
        actor=user,
        notes=notes,
        rules={
            **clock.as_record(),
            "level": data.level,
            "tier": ticket.tier,
            "mode": ticket.mode,
        },
    )
    dispatched_notify(ticket)


def _num(value) -> str:
    """A decimal as people write it: 4, 2.5, 0.75."""
    return f"{value.quantize(Decimal('0.01')).normalize():f}"


def accept_record(*, ticket: FaultTicket, task, user) -> None:
    ticket.accepted_at, ticket.accepted_by = timezone.now(), user
    ticket.state = FaultTicket.State.ACCEPTED
    ticket.save(update_fields=["accepted_at", "accepted_by", "state"])
    transition_record(request=ticket, action="accepted", actor=user, task=task)


def arrive_record(*, ticket: FaultTicket, task, user, location) -> Presence:
    """The engineer is on site (到场): the time, and where the phone was.

    Without a location (consent refused, no fix) the arrival is recorded all
    the same, flagged unknown; farther than the CMS limit it is flagged far.
    The flag and the rule revision it used are kept on the transition.
    """
    presence = presence_record(
        user=user,
        site=ticket.site,
        purpose=Presence.Purpose.ARRIVAL,
        location=location,
    )
    ticket.arrived_at, ticket.arrival = presence.at, presence
    ticket.state = FaultTicket.State.ARRIVED
    ticket.save(update_fields=["arrived_at", "arrival", "state"])
    transition_record(
        request=ticket,
        action="arrived",
        actor=user,
        task=task,
        notes=[ARRIVAL_NOTES[presence.flag].note(distance=presence.distance_m)],
        rules=presence.as_record(),
    )
    return presence


def progress_add(*, ticket: FaultTicket, user, text: str) -> None:
    """A progress note by the engineer handling the ticket, before restoring."""
    if not (text or "").strip():
        raise ValidationError({"text": [NEED_NOTE]})
    with transaction.atomic():
        ticket = FaultTicket.objects.select_for_update().get(pk=ticket.pk)
        if ticket.accepted_by_id != user.pk:
            raise PermissionDenied(NOT_HANDLER)
        if ticket.restored_at is not None or ticket.finished is not None:
            raise ValidationError(ALREADY_RESTORED)
        transition_record(
            request=ticket, action="progress", actor=user, comment=text.strip()
        )


def restore_record(*, ticket: FaultTicket, task, user, cause: str, measures: str):
    errors = {}
    if not (cause or "").strip():
        errors["cause"] = [NEED_CAUSE]
    if not (measures or "").strip():
        errors["measures"] = [NEED_MEASURES]
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    late = rules.is_overdue(due_at=ticket.sla_due_at, at=now)
    ticket.restored_at, ticket.cause, ticket.measures = (
        now,
        cause.strip(),
        measures.strip(),
    )
    ticket.overdue = ticket.overdue or late
    ticket.decision = ""
    ticket.state = FaultTicket.State.RESTORED
    ticket.report_due_at = None
    if ticket.needs_report and not ticket.reported_at:
        ticket.report_due_at = rules.report_due(restored_at=now, rules=current_rules())
    ticket.due_at = ticket.report_due_at
    ticket.save()
    from .escalation import escalation_stop  # it tells through this module

    escalation_stop(ticket)
    note = RESTORED_LATE if ticket.overdue else RESTORED_IN_TIME
    transition_record(
        request=ticket,
        action="restored",
        actor=user,
        task=task,
        notes=[note.note()],
        rules=_deadline_record() if ticket.report_due_at else {},
    )


def report_record(*, ticket: FaultTicket, task, user, report: str) -> None:
    if not (report or "").strip():
        raise ValidationError({"report": [NEED_REPORT]})
    now = timezone.now()
    ticket.report, ticket.reported_at = report.strip(), now
    ticket.state = FaultTicket.State.REPORTED
    ticket.due_at = None
    ticket.save(update_fields=["report", "reported_at", "state", "due_at"])
    late = ticket.report_due_at is not None and now > ticket.report_due_at
    transition_record(
        request=ticket,
        action="reported",
        actor=user,
        task=task,
        notes=[REPORT_LATE.note()] if late else [],
    )


def confirm_record(*, ticket: FaultTicket, task, user, decision: str, comment: str):
    """The carrier admin confirms the restoration, or sends it back with a reason."""
    if decision not in FaultTicket.Decision.values:
        raise ValidationError({"decision": [NEED_RETURN_REASON]})
    if decision == FaultTicket.Decision.RETURNED:
        if not (comment or "").strip():
            raise ValidationError({"comment": [NEED_RETURN_REASON]})
        ticket.decision, ticket.restored_at = decision, None
        ticket.state, ticket.due_at = FaultTicket.State.ACCEPTED, ticket.sla_due_at
        ticket.save(update_fields=["decision", "restored_at", "state", "due_at"])
        transition_record(
            request=ticket, action="returned", actor=user, task=task, comment=comment
        )
        return
    now = timezone.now()
    ticket.decision, ticket.confirmed_at = decision, now
    notes, record = [], {}
    if ticket.overdue:
        snapshot = current_rules()
        ticket.analysis_due_at = rules.analysis_due(start=now, rules=snapshot)
        ticket.state, ticket.due_at = FaultTicket.State.ANALYSIS, ticket.analysis_due_at
        notes, record = [ANALYSIS_REQUIRED.note()], _deadline_record(snapshot)
    else:
        ticket.state, ticket.due_at = FaultTicket.State.CLOSED, None
        ticket.outcome = "confirmed"
    ticket.save()
    transition_record(
        request=ticket,
        action="confirmed",
        actor=user,
        task=task,
        comment=comment,
        notes=notes,
        rules=record,
    )


def analysis_record(*, ticket: FaultTicket, task, user, analysis: str) -> None:
    if not (analysis or "").strip():
        raise ValidationError({"analysis": [NEED_ANALYSIS]})
    ticket.analysis, ticket.analysed_at = analysis.strip(), timezone.now()
    ticket.state, ticket.due_at = FaultTicket.State.CLOSED, None
    ticket.outcome = "confirmed"
    ticket.save()
    transition_record(request=ticket, action="analysed", actor=user, task=task)


def _deadline_record(snapshot=None) -> dict:
    snapshot = snapshot or current_rules()
    return {"topic": "deadlines", "revision_id": snapshot.deadlines.revision_id}


# The SLA clock, fired by the timer dispatcher (``workflow_timers`` or the
# embedded sweep). Idempotent: a timer re-armed on the next step, or fired
# late, records and tells nothing twice. Escalation: ``escalation.py``.


def sla_warn(*, ticket: FaultTicket, task) -> bool:
    ticket = FaultTicket.objects.select_for_update().get(pk=ticket.pk)
    if ticket.warned_at is not None or ticket.restored_at is not None:
        return False
    ticket.warned_at = timezone.now()
    ticket.save(update_fields=["warned_at"])
    percent = current_rules().sla.early_warning_percent.normalize()
    transition_record(
        request=ticket,
        action="warned",
        task=task,
        notes=[WARNED.note(percent=_num(percent))],
        rules={"topic": "sla", "revision_id": ticket.sla_revision_id},
    )
    ticket_tell(ticket=ticket, payload={"sla": "warning"})
    sla_notify(ticket, "warning", percent=_num(percent))
    return True


def ticket_tell(*, ticket: FaultTicket, payload: dict, users=()) -> None:
    """A live event to the ticket's company, the monitoring centre and
    ``users``, after commit."""
    groups = [company_group(ticket.company_id)]
    centre = Group.objects.filter(name=Role.MONITORING_CENTRE).values_list(
        "pk", flat=True
    )
    groups += [auth_group(pk) for pk in centre] + [user_group(pk) for pk in users]
    publish_on_commit(groups, {"process": ticket.pk, **payload})
