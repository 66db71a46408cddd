"""Writes of the upgrade's steps, each with its audit record and rule values."""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home.rules import current_rules
from workflows.notes import NoteMessage
from workflows.services import transition_record

from . import rules
from .models import SoftwareUpgrade
from .steps import step_due

COMMENT_REQUIRED = _("Give a reason for this decision.")
UNKNOWN_DECISION = _("Choose approve, reject or return.")
NO_RETURN_HERE = _("The provincial approval approves or rejects, not returns.")
WINDOW_REQUIRED = _("Give the approved window: its start and its end.")
ROLLBACK_REQUIRED = _("Confirm that the old version has been restored.")
TEXT_REQUIRED = _("This field is required.")
LATE_NOTE = NoteMessage(
    "upgrade.step_late", _("Done late: it was due at %(due)s."), dates=()
)
ESCALATED_NOTE = NoteMessage(
    "upgrade.confirmation_escalated",
    _("Receipt not confirmed by %(due)s: flagged late and sent again."),
)

# The escalated confirmation is the same obligation: it counts once.
LATE_AS = {"confirm_late": "confirm"}


def _when(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def lateness(upgrade: SoftwareUpgrade, task) -> list[dict]:
    """Flag ``task``'s step late when done after its due time; the note says so."""
    due = step_due(task, current_rules())
    if due is None or timezone.now() <= due:
        return []
    step = LATE_AS.get(task.flow_task.name, task.flow_task.name)
    if step not in upgrade.late_steps:
        upgrade.late_steps = [*upgrade.late_steps, step]
    return [LATE_NOTE.note(due=_when(due))]


def _record(upgrade, task, action, user, comment="", notes=(), record=None):
    notes = [*lateness(upgrade, task), *notes]
    upgrade.save()
    revision = current_rules().deadlines.revision_id
    transition_record(
        request=upgrade,
        action=action,
        actor=user,
        task=task,
        comment=comment,
        notes=notes,
        rules={"topic": "deadlines", "revision_id": revision, **(record or {})},
    )


def confirm_record(*, upgrade, task, user, comment: str = "") -> None:
    _record(upgrade, task, "confirmed", user, comment.strip())


def confirmation_escalate(*, upgrade, task) -> None:
    """The confirmation timer fired: the step is late and offered again."""
    if "confirm" not in upgrade.late_steps:
        upgrade.late_steps = [*upgrade.late_steps, "confirm"]
    upgrade.save(update_fields=["late_steps"])
    due = upgrade.confirmation_due or timezone.now()
    transition_record(
        request=upgrade,
        action="escalated",
        task=task,
        notes=[ESCALATED_NOTE.note(due=_when(due))],
        rules={
            "topic": "deadlines",
            "revision_id": current_rules().deadlines.revision_id,
        },
    )


def review_record(*, upgrade, task, user, decision: str, comment: str) -> None:
    """The institute's review: approve, reject or return (a reason unless approved)."""
    if decision not in SoftwareUpgrade.Decision.values:
        raise ValidationError({"decision": UNKNOWN_DECISION})
    if decision != "approved" and not comment.strip():
        raise ValidationError({"comment": COMMENT_REQUIRED})
    upgrade.decision = decision
    if decision == "rejected":
        upgrade.outcome = "rejected"
    _record(upgrade, task, decision, user, comment.strip())


def approval_record(
    *, upgrade, task, user, decision: str, comment: str, start=None, end=None
) -> None:
    """The provincial approval; approving fixes the approved window."""
    if decision == "returned":
        raise ValidationError({"decision": NO_RETURN_HERE})
    if decision not in SoftwareUpgrade.Decision.values:
        raise ValidationError({"decision": UNKNOWN_DECISION})
    if decision == "rejected":
        if not comment.strip():
            raise ValidationError({"comment": COMMENT_REQUIRED})
        upgrade.outcome = "rejected"
    else:
        if start is None or end is None:
            raise ValidationError({"approved_start": WINDOW_REQUIRED})
        rules.window_validate(
            start=start, end=end, now=timezone.now(), prefix="approved"
        )
        upgrade.approved_start, upgrade.approved_end = start, end
    upgrade.decision = decision
    window = {}
    if upgrade.approved_end:
        window = {"start": start.isoformat(), "end": end.isoformat()}
    _record(upgrade, task, decision, user, comment.strip(), record=window)


def start_record(*, upgrade, task, user, started_at) -> None:
    """The work starts: only inside the approved window, never ahead of now."""
    now = timezone.now()
    rules.reported_time_validate(moment=started_at, now=now, field="started_at")
    for moment in (now, started_at):
        rules.inside_window_validate(
            moment=moment,
            start=upgrade.approved_start,
            end=upgrade.approved_end,
            field="started_at",
        )
    upgrade.started_at = started_at
    _record(upgrade, task, "work_started", user)


def end_record(*, upgrade, task, user, ended_at, result: str, note: str) -> None:
    """The work ends inside the window, after it started, with its outcome."""
    rules.reported_time_validate(moment=ended_at, now=timezone.now(), field="ended_at")
    if ended_at < upgrade.started_at:
        shown = {"start": _when(upgrade.started_at)}
        raise ValidationError({"ended_at": rules.BEFORE_START % shown})
    rules.inside_window_validate(
        moment=ended_at,
        start=upgrade.approved_start,
        end=upgrade.approved_end,
        field="ended_at",
    )
    if result not in SoftwareUpgrade.Result.values:
        raise ValidationError({"result": TEXT_REQUIRED})
    if not note.strip():
        raise ValidationError({"result_note": TEXT_REQUIRED})
    upgrade.ended_at, upgrade.result, upgrade.result_note = ended_at, result, note
    _record(upgrade, task, "work_ended", user, note.strip(), record={"result": result})


def rollback_record(*, upgrade, task, user, confirmed: bool, report: str) -> None:
    """A failed upgrade ends once the rollback is confirmed and reported."""
    if not confirmed:
        raise ValidationError({"rolled_back": ROLLBACK_REQUIRED})
    if not report.strip():
        raise ValidationError({"failure_report": TEXT_REQUIRED})
    upgrade.rolled_back, upgrade.failure_report = True, report.strip()
    upgrade.outcome = "failed"
    _record(upgrade, task, "rolled_back", user, report.strip())


def spare_parts_record(*, upgrade, task, user, note: str) -> None:
    if not note.strip():
        raise ValidationError({"note": TEXT_REQUIRED})
    upgrade.spare_parts_note = note.strip()
    _record(upgrade, task, "spare_parts_upgraded", user, note.strip())


def service_record_write(*, upgrade, task, user, record: str) -> None:
    """The service record closes a successful upgrade."""
    if not record.strip():
        raise ValidationError({"record": TEXT_REQUIRED})
    upgrade.service_record, upgrade.outcome = record.strip(), "completed"
    _record(upgrade, task, "service_recorded", user, record.strip())
