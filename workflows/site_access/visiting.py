"""On the day: visitors check in and out; a visit past its window is overdue."""

from dataclasses import dataclass, field
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home.rules import current_rules
from ledgers import services as ledger
from ledgers.models import Asset, AssetEvent
from registry.calendar import CALENDAR_ZONE
from workflows.live.events import publish_on_commit
from workflows.live.groups import auth_group, company_group, user_group
from workflows.notes import NoteMessage
from workflows.presence.models import Presence
from workflows.presence.services import presence_record
from workflows.services import transition_record

from . import rules
from .models import SiteVisit, Visitor
from .selectors import visit_assets

NOBODY_IN = _("Check in at least one visitor.")
WORK_DONE_NEEDED = _("Say what work was done.")
NO_EQUIPMENT_CHANGE = _(
    "This visit was filed without equipment changes: note them in the text instead."
)
ASSET_NOT_HERE = _("Choose assets of this site from the list.")
ADDED_ROW = _("Equipment %(row)s: %(problem)s")
LABEL_TAKEN = _("Another asset already has the label %(tag)s.")
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
    removed_asset_ids: list[int] = field(default_factory=list)
    added_assets: list[dict] = field(default_factory=list)  # name, serial, tag


def check_in(*, visit: SiteVisit, task, user, times: dict, location=None) -> None:
    """``times`` maps visitor ids to their check-in time (None: not present).

    ``location``: the phone's position at check-in (None if refused), kept
    and flagged against the CMS distance limit (``workflows.presence``).
    """
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
    presence = presence_record(
        user=user, site=visit.site, purpose=Presence.Purpose.CHECK_IN, location=location
    )
    visit.check_in_presence = presence
    visit.save(update_fields=["check_in_presence"])
    transition_record(
        request=visit,
        action="checked_in",
        actor=user,
        task=task,
        notes=[VISITORS_IN.note(count=present)],
        rules=presence.as_record(),
    )


@transaction.atomic
def check_out(*, visit: SiteVisit, task, user, data: CheckOut) -> None:
    """Everyone who came in leaves; the report of the work closes the visit.

    Equipment taken out or brought in is written to the site's asset ledger
    in the same transaction: a refusal anywhere writes nothing.
    """
    if not data.work_done.strip():
        raise ValidationError({"work_done": WORK_DONE_NEEDED})
    now = timezone.now()
    removed = ledger_changes_validate(visit=visit, data=data)
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
    ledger_write(visit=visit, user=user, removed=removed, added=data.added_assets)
    transition_record(request=visit, action="checked_out", actor=user, task=task)


def ledger_changes_validate(*, visit: SiteVisit, data: CheckOut) -> list[Asset]:
    """The assets to mark removed (of the visit's site and company, still on
    the ledger); raises on a stranger, an incomplete row or a taken label."""
    if not (data.removed_asset_ids or data.added_assets):
        return []
    if not visit.equipment_change:
        raise ValidationError({"removed_assets": NO_EQUIPMENT_CHANGE})
    ids = set(data.removed_asset_ids)
    removed = list(visit_assets(visit).filter(pk__in=ids, removed=False))
    if len(removed) != len(ids):
        raise ValidationError({"removed_assets": ASSET_NOT_HERE})
    rules.rows_validate(
        data.added_assets,
        check=rules.added_asset_problems,
        field="added_assets",
        message=ADDED_ROW,
    )
    tags = [str(asset["tag"]).strip() for asset in data.added_assets]
    taken = set(Asset.objects.filter(tag__in=tags).values_list("tag", flat=True))
    taken |= {tag for tag in tags if tags.count(tag) > 1}
    if taken:
        raise ValidationError({"added_assets": LABEL_TAKEN % {"tag": min(taken)}})
    return removed


def ledger_write(*, visit: SiteVisit, user, removed, added) -> None:
    """One asset event per piece, each referencing the visit."""
    now = timezone.now()
    for asset in removed:
        ledger.asset_change(
            asset=asset,
            kind=AssetEvent.Kind.REMOVED,
            by=user,
            at=now,
            process=visit,
        )
    for row in added:
        ledger.asset_add(
            site=visit.site,
            tag=str(row["tag"]).strip(),
            name=str(row["name"]).strip(),
            serial=str(row["serial"]).strip(),
            agreed_on=now.astimezone(CALENDAR_ZONE).date(),
            by=user,
            at=now,
            process=visit,
        )


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
