"""On the day: visitors check in and out; a visit past its window is overdue."""

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home.rules import current_rules
from workflows.live.events import publish_on_commit
from workflows.live.groups import auth_group, company_group, user_group
from workflows.notes import NoteMessage
from workflows.services import transition_record

from . import rules
from .models import SiteVisit, Visitor

NOBODY_IN = _("Check in at least one visitor.")
WORK_DONE_NEEDED = _("Say what work was done.")
OVERDUE = NoteMessage(
    "site_access.overdue",
    _("Still open after its window, which ended at %(end)s."),
)
VISITORS_IN = NoteMessage("site_access.in", _("%(count)s visitor(s) checked in."))


@dataclass
class CheckOut:
    """What the contractor reports when the visit ends."""

    times: dict  # visitor id -> check-out time
    work_done: str
    equipment_notes: str = ""
    items_open: str = ""


def check_in(*, visit: SiteVisit, task, user, times: dict) -> None:
    """``times`` maps visitor ids to their check-in time (None: not present)."""
    now = timezone.now()
    present = 0
    for visitor in _visitors(visit):
        moment = times.get(visitor.pk)
        if moment is None:
            continue
        rules.times_validate(
            checked_in=moment, checked_out=None, name=str(visitor), now=now
        )
        visitor.checked_in_at = moment
        visitor.save(update_fields=["checked_in_at"])
        present += 1
    if not present:
        raise ValidationError(NOBODY_IN)
    transition_record(
        request=visit,
        action="checked_in",
        actor=user,
        task=task,
        notes=[VISITORS_IN.note(count=present)],
    )


def check_out(*, visit: SiteVisit, task, user, data: CheckOut) -> None:
    """Everyone who came in leaves; the report of the work closes the visit."""
    if not data.work_done.strip():
        raise ValidationError({"work_done": WORK_DONE_NEEDED})
    now = timezone.now()
    for visitor in _visitors(visit):
        if visitor.checked_in_at is None:
            continue
        moment = data.times.get(visitor.pk) or now
        rules.times_validate(
            checked_in=visitor.checked_in_at,
            checked_out=moment,
            name=str(visitor),
            now=now,
        )
        visitor.checked_out_at = moment
        visitor.save(update_fields=["checked_out_at"])
    visit.work_done = data.work_done.strip()
    visit.equipment_notes = data.equipment_notes.strip()
    visit.items_open = data.items_open.strip()
    visit.outcome = SiteVisit.Decision.APPROVED
    visit.due_at = None
    visit.save(
        update_fields=[
            "work_done",
            "equipment_notes",
            "items_open",
            "outcome",
            "due_at",
        ]
    )
    transition_record(request=visit, action="checked_out", actor=user, task=task)


def _visitors(visit: SiteVisit) -> list[Visitor]:
    return list(visit.visitors.select_related("staff"))


def overdue_flag(*, visit: SiteVisit, task) -> bool:
    """Mark the visit overdue once, and tell its site owners and company live."""
    if visit.overdue_at is not None or visit.finished is not None:
        return False
    visit.overdue_at = timezone.now()
    visit.save(update_fields=["overdue_at"])
    end = timezone.localtime(visit.window_end).strftime("%Y-%m-%d %H:%M")
    transition_record(
        request=visit, action="overdue", task=task, notes=[OVERDUE.note(end=end)]
    )
    owners = current_rules().staff_change.site_access_group.id
    groups = [
        auth_group(owners),
        company_group(visit.company_id),
        user_group(visit.requester_id),
    ]
    publish_on_commit(groups, {"process": visit.pk, "overdue": True})
    return True


def window_end_of(visit: SiteVisit) -> datetime:
    return visit.window_end
