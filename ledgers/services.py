"""Every write to the ledgers: atomic, under a row lock, logged."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from registry.calendar import CALENDAR_ZONE
from registry.models import Site, StaffMember

from . import rules
from .models import Asset, AssetEvent, Key, KeyLoan, Part, PartMove, PartState


@transaction.atomic
def part_move(*, part: Part, to_state: str, by, note: str = "", site=None, at=None):
    """Move ``part`` to ``to_state`` if the rules allow it; log who and when.

    Breaking sets the repair due day from the CMS; sending for repair after it
    marks the part (and the move) late. ``site`` (or None: back to the store)
    applies when the part goes into use or back to store.
    """
    at = at or timezone.now()
    part = Part.objects.select_for_update().get(pk=part.pk)
    if not rules.move_allowed(part.state, to_state):
        raise ValidationError(
            rules.MOVE_NOT_ALLOWED
            % {"from": PartState(part.state).label, "to": PartState(to_state).label}
        )
    if to_state == PartState.IN_USE and site is None:
        raise ValidationError({"site": rules.SITE_REQUIRED})
    move = PartMove(
        part=part, by=by, at=at, from_state=part.state, to_state=to_state, note=note
    )
    if to_state == PartState.BROKEN:
        part.broken_on = at.astimezone(CALENDAR_ZONE).date()
        part.repair_due, move.rules_revision = rules.repair_due(at)
        part.late = False
    elif to_state == PartState.AT_REPAIR:
        sent_on = at.astimezone(CALENDAR_ZONE).date()
        part.late = move.late = rules.sent_late(part.repair_due, sent_on)
    if to_state == PartState.IN_USE:
        part.site = site
    elif to_state == PartState.IN_STORE:
        part.site = None
    part.state = to_state
    part.save()
    move.save()
    return move


@transaction.atomic
def key_sign_out(*, key: Key, person: StaffMember, due_back, by, at=None, note=""):
    """Sign ``key`` out to ``person``; refused while it is out (no hand-on)."""
    at = at or timezone.now()
    key = Key.objects.select_for_update().get(pk=key.pk)
    if person.company_id != key.holder_id:
        raise ValidationError({"person": rules.PERSON_OF_OTHER_COMPANY})
    if person.status == StaffMember.Status.LEFT:
        raise ValidationError({"person": rules.PERSON_HAS_LEFT})
    if due_back <= at:
        raise ValidationError({"due_back": rules.DUE_BEFORE_OUT})
    current = open_loan(key)
    if current is not None:
        raise ValidationError(rules.KEY_IS_OUT % {"person": current.person.name})
    try:
        with transaction.atomic():
            return KeyLoan.objects.create(
                key=key,
                person=person,
                out_at=at,
                due_back=due_back,
                out_by=by,
                note=note,
            )
    except IntegrityError:  # a concurrent sign-out won the constraint
        raise ValidationError(rules.KEY_IS_OUT % {"person": "—"}) from None


@transaction.atomic
def key_sign_in(*, key: Key, by, at=None) -> KeyLoan:
    key = Key.objects.select_for_update().get(pk=key.pk)
    loan = open_loan(key)
    if loan is None:
        raise ValidationError(rules.KEY_IS_IN)
    loan.returned_at = at or timezone.now()
    loan.in_by = by
    loan.save(update_fields=["returned_at", "in_by"])
    return loan


def open_loan(key: Key) -> KeyLoan | None:
    return (
        KeyLoan.objects.select_related("person")
        .filter(key=key, returned_at__isnull=True)
        .first()
    )


@transaction.atomic
def asset_change(
    *,
    asset: Asset,
    kind: str,
    by,
    site: Site | None = None,
    tag: str = "",
    note: str = "",
    at=None,
    process=None,
) -> AssetEvent:
    """Record one change of ``asset`` and apply it (move, remove, relabel).

    ``process``: the request the change was made in (a site visit), whose
    reference the event keeps.
    """
    at = at or timezone.now()
    asset = Asset.objects.select_for_update().get(pk=asset.pk)
    event = AssetEvent(asset=asset, kind=kind, at=at, by=by, note=note)
    if process is not None:
        event.process_id = process.pk
        event.reference = str(getattr(process, "reference", "") or "")
    Kind = AssetEvent.Kind
    if kind == Kind.MOVED:
        if site is None or site.pk == asset.site_id:
            raise ValidationError({"site": rules.ASSET_SAME_SITE})
        event.from_site_id, event.to_site = asset.site_id, site
        asset.site = site
    elif kind == Kind.REMOVED:
        if asset.removed:
            raise ValidationError(rules.ASSET_REMOVED)
        asset.removed = True
        event.from_site_id = asset.site_id
    elif kind == Kind.LABEL_CHANGED:
        if not tag or tag == asset.tag:
            raise ValidationError({"tag": rules.ASSET_SAME_LABEL})
        if Asset.objects.filter(tag=tag).exclude(pk=asset.pk).exists():
            raise ValidationError({"tag": rules.ASSET_LABEL_TAKEN})
        event.old_label, event.new_label = asset.tag, tag
        asset.tag = tag
    elif kind == Kind.ADDED:
        event.to_site_id = asset.site_id
    asset.save()
    event.save()
    return event


@transaction.atomic
def asset_add(
    *,
    site: Site,
    tag: str,
    name: str,
    agreed_on,
    by,
    serial: str = "",
    at=None,
    process=None,
    note: str = "",
) -> Asset:
    """A new asset on ``site``, with its ``added`` event; a taken label is refused."""
    if Asset.objects.filter(tag=tag).exists():
        raise ValidationError({"tag": rules.ASSET_LABEL_TAKEN})
    asset = Asset(site=site, tag=tag, name=name, serial=serial, agreed_on=agreed_on)
    asset.full_clean()
    asset.save()
    asset_change(
        asset=asset,
        kind=AssetEvent.Kind.ADDED,
        by=by,
        at=at,
        process=process,
        note=note,
    )
    return asset
