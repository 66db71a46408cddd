"""The ledger rows and their movements as the API answers them."""

from django.utils import timezone

from ledgers import rules
from ledgers.models import Asset, AssetEvent, Key, KeyLoan, Part, PartMove

from ..serializers import person_name


def part_move_out(move: PartMove) -> dict:
    return {
        "id": move.pk,
        "part_id": move.part_id,
        "part": str(move.part),
        "by": person_name(move.by),
        "at": move.at,
        "from_state": move.from_state,
        "to_state": move.to_state,
        "note": move.note,
        "late": move.late,
        "rules_revision": move.rules_revision,
    }


def part_out(part: Part, moves=()) -> dict:
    return {
        "id": part.pk,
        "part_number": part.part_number,
        "serial": part.serial,
        "kind": part.kind,
        "holder_id": part.holder_id,
        "holder": str(part.holder),
        "site_id": part.site_id,
        "site": part.site.code if part.site_id else None,
        "store": part.store,
        "state": part.state,
        "next_states": rules.next_states(part.state),
        "broken_on": part.broken_on,
        "repair_due": part.repair_due,
        "late": part.late,
        "moves": [part_move_out(m) for m in moves],
    }


def key_loan_out(loan: KeyLoan, now=None) -> dict:
    now = now or timezone.now()
    return {
        "id": loan.pk,
        "key_id": loan.key_id,
        "key": loan.key.code,
        "person_id": loan.person_id,
        "person": loan.person.name,
        "out_at": loan.out_at,
        "due_back": loan.due_back,
        "returned_at": loan.returned_at,
        "out_by": person_name(loan.out_by),
        "in_by": person_name(loan.in_by),
        "note": loan.note,
        "overdue": loan.returned_at is None and loan.due_back < now,
    }


def key_out(key: Key, loans=(), now=None) -> dict:
    current = key.open_loans[0] if key.open_loans else None
    return {
        "id": key.pk,
        "code": key.code,
        "kind": key.kind,
        "label": key.label,
        "site_id": key.site_id,
        "site": key.site.code,
        "holder_id": key.holder_id,
        "holder": str(key.holder),
        "signed_out": key_loan_out(current, now) if current else None,
        "loans": [key_loan_out(loan, now) for loan in loans],
    }


def asset_event_out(event: AssetEvent) -> dict:
    return {
        "id": event.pk,
        "asset_id": event.asset_id,
        "asset": event.asset.tag,
        "kind": event.kind,
        "at": event.at,
        "by": person_name(event.by),
        "from_site_id": event.from_site_id,
        "to_site_id": event.to_site_id,
        "old_label": event.old_label,
        "new_label": event.new_label,
        "note": event.note,
        "reference": event.reference,
    }


def asset_out(asset: Asset, events=()) -> dict:
    return {
        "id": asset.pk,
        "tag": asset.tag,
        "name": asset.name,
        "serial": asset.serial,
        "site_id": asset.site_id,
        "site": asset.site.code,
        "company_id": asset.site.maintained_by_id,
        "agreed_on": asset.agreed_on,
        "removed": asset.removed,
        "events": [asset_event_out(e) for e in events],
    }
